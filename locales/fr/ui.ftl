# Interface de l'application (helper A : coquille, éditeur, aperçu, notes).
# Chaque identifiant commence par `ui-` ; les mêmes existent dans ar/ et en/.

ui-app-title = Mizan
ui-window-title = { $title } — Mizan
ui-window-title-dirty = • { $title } — Mizan
ui-skip-to-editor = Aller à l'éditeur
ui-untitled = Note sans titre
ui-not-saved-yet = Pas encore enregistrée
ui-dirty = Modifications non enregistrées
ui-loading = Chargement…
ui-close = Fermer
ui-cancel = Annuler
ui-fatal-title = Mizan n'a pas pu démarrer
ui-fatal-text = L'application n'a pas pu lire son état. Relancez-la ; si le problème se reproduit, signalez le message ci-dessous.

## Barre d'outils
ui-toolbar-label = Commandes de la note
ui-action-new = Nouvelle
ui-action-open = Ouvrir
ui-action-recent = Récentes
ui-action-save = Enregistrer
ui-action-save-as = Enregistrer sous
ui-action-history = Historique
ui-action-cite = Lier à une source
ui-action-judgment = Jugement
ui-action-assumption = Hypothèse
ui-action-direction = Sens
ui-action-export = Exporter en PDF
ui-action-new-hint = Nouvelle note à partir d'un modèle
ui-action-open-hint = Ouvrir une note (.md)
ui-action-recent-hint = Notes récentes et exemples
ui-action-save-hint = Enregistrer la note
ui-action-save-as-hint = Enregistrer la note sous un autre nom
ui-action-history-hint = Révisions enregistrées de cette note
ui-action-cite-hint = Lier le texte sélectionné à une source
ui-action-judgment-hint = Marquer le paragraphe comme jugement
ui-action-assumption-hint = Marquer le paragraphe comme hypothèse
ui-action-direction-hint = Basculer le paragraphe entre droite-à-gauche et gauche-à-droite
ui-action-export-hint = Exporter la note en PDF
ui-tooltip-shortcut = { $label } ({ $keys })
ui-lang-label = Langue de l'interface
ui-lang-self-ar = العربية
ui-lang-self-fr = Français
ui-lang-self-en = English
ui-lang-ar = arabe
ui-lang-fr = français
ui-lang-en = anglais

## Accueil et récupération
ui-welcome-label = Bienvenue
ui-welcome-text = Bienvenue dans Mizan. Cette note d'exemple montre comment s'écrivent les faits sourcés, les jugements et les hypothèses ; l'aperçu et l'audit suivent votre frappe.
ui-welcome-dismiss = Masquer
ui-sample-open = Ouvrir l'exemple en { $lang }
ui-samples-heading = Notes d'exemple
ui-recovery-label = Notes récupérées
ui-recovery-intro = { $count ->
    [one] Une note n'était pas enregistrée à la dernière fermeture de Mizan. Restaurez-la ou abandonnez-la.
   *[other] { $count } notes n'étaient pas enregistrées à la dernière fermeture de Mizan. Restaurez ou abandonnez chacune d'elles.
}
ui-recovery-restore = Restaurer
ui-recovery-discard = Abandonner
ui-recovery-saved-at = sauvegarde automatique du { $when }

## Espace de travail
ui-tabs-label = Vues
ui-tab-brief = Note
ui-tab-sources = Sources
ui-editor-label = Texte de la note
ui-editor-placeholder = Rédigez la note en Markdown. Tapez [@ pour citer une source.
ui-splitter-label = Redimensionner l'éditeur et l'aperçu
ui-splitter-hint = Faites glisser, ou utilisez les flèches, pour redimensionner
ui-preview-label = Aperçu
ui-preview-failed = L'aperçu n'a pas pu être produit : { $reason }
ui-preview-link-title = Ouvrir { $url } dans le navigateur
ui-legend-label = Types d'assertion
ui-legend-fact = Fait sourcé
ui-legend-judgment = Jugement
ui-legend-assumption = Hypothèse
ui-dirmark-rtl = Marque droite-à-gauche
ui-dirmark-ltr = Marque gauche-à-droite
ui-source-card-label = Source { $key }
ui-cite-grade = Fiabilité { $grade }
ui-cite-unknown-key = Aucune source de la bibliothèque n'a la clé « { $key } ».
ui-cite-load-failed = La source n'a pas pu être chargée.

## Audit
ui-audit-label = Audit des sources
ui-audit-title = Audit
ui-audit-counts = { $errors ->
    [one] { $errors } erreur
   *[other] { $errors } erreurs
}, { $warnings ->
    [one] { $warnings } avertissement
   *[other] { $warnings } avertissements
}, { $notes ->
    [one] { $notes } remarque
   *[other] { $notes } remarques
}
ui-audit-empty = Aucun problème relevé.
ui-audit-jump = Afficher dans l'éditeur
ui-audit-line = ligne { $line }
ui-stats-claims = { $count ->
    [one] { $count } assertion
   *[other] { $count } assertions
} ({ $facts } faits, { $judgments } jugements, { $assumptions } hypothèses)
ui-stats-sourced = { $percent } % des énoncés sourcés ({ $sourced }/{ $statements })
ui-stats-no-statements = aucun énoncé factuel pour l'instant
ui-stats-sources = { $count ->
    [one] { $count } source citée
   *[other] { $count } sources citées
}

## Notes
ui-unsaved-title = Modifications non enregistrées
ui-unsaved-text = La note comporte des modifications non enregistrées. Les enregistrer d'abord ?
ui-unsaved-discard = Abandonner les modifications
ui-new-title = Nouvelle note
ui-new-template = Modèle
ui-new-lang = Langue de la note
ui-new-create = Créer
ui-new-failed = La note n'a pas pu être créée : { $reason }
ui-template-assessment = Évaluation
ui-template-sitrep = Point de situation
ui-template-note = Note
ui-recent-title = Notes récentes
ui-recent-heading = Ouvertes récemment
ui-recent-empty = Aucune note ouverte pour l'instant.
ui-history-title = Historique des révisions
ui-history-list-label = Révisions enregistrées
ui-history-no-id = Cette note n'a pas encore d'historique : ses révisions sont conservées à partir du premier enregistrement.
ui-history-none = Aucune révision enregistrée.
ui-history-revision = Révision { $number }
ui-history-restore = Restaurer cette révision
ui-history-diff-failed = La comparaison n'a pas pu être faite.
ui-diff-identical = Cette révision est identique au texte actuel.
ui-diff-changes = { $count ->
    [one] { $count } ligne diffère du texte actuel.
   *[other] { $count } lignes diffèrent du texte actuel.
}
ui-diff-inserted = ajouté :
ui-diff-deleted = supprimé :

## Export
ui-export-title = Exporter en PDF
ui-export-style = Style
ui-export-paper = Papier
ui-paper-a4 = A4
ui-paper-letter = Lettre US
ui-style-default = Standard (notes de bas de page)
ui-style-endnotes = Notes de fin
ui-export-draft = Brouillon (signalé comme tel sur chaque page)
ui-export-has-errors = { $count ->
    [one] L'audit signale 1 erreur : un PDF définitif exige de la corriger, la case « Brouillon » est donc cochée.
   *[other] L'audit signale { $count } erreurs : un PDF définitif exige de les corriger, la case « Brouillon » est donc cochée.
}
ui-export-confirm = Exporter
ui-export-stage-start = Démarrage…
ui-export-stage-analyse = Vérification de la note…
ui-export-stage-compose = Mise en page…
ui-export-stage-write = Écriture du PDF…
ui-export-stage-done = Terminé.
ui-export-cancelled = Export annulé.
ui-export-done = { $pages ->
    [one] { $pages } page
   *[other] { $pages } pages
}, { $kb } Ko. Le PDF s'ouvre dans votre visionneuse.
ui-export-warnings = { $count ->
    [one] { $count } avertissement :
   *[other] { $count } avertissements :
}
ui-export-audit-errors = Un PDF définitif ne peut pas être produit tant que l'audit signale des erreurs. Corrigez-les (voir le panneau d'audit) ou cochez « Brouillon » et exportez de nouveau.
ui-export-failed = Le PDF n'a pas pu être produit.

## Ligne d'état
ui-status-saved = Enregistrée dans { $path }
ui-status-opened = { $path } ouverte
ui-status-new = Nouvelle note créée.
ui-status-recovered = Texte sauvegardé automatiquement restauré ; il n'est pas encore enregistré.
ui-status-restored = Révision restaurée dans l'éditeur ; enregistrez pour la conserver.
ui-status-exported = PDF écrit dans { $path }
ui-status-direction-none = Aucun paragraphe ici dont changer le sens.
ui-error-with-detail = { $error } : { $detail }
ui-error-not-found = Introuvable
ui-error-key-taken = Clé déjà utilisée
ui-error-duplicate = Doublon
ui-error-invalid-input = Saisie invalide
ui-error-io = Erreur de fichier
ui-error-library = Erreur de bibliothèque
ui-error-newer-schema = Bibliothèque créée par une version plus récente de Mizan
ui-error-not-a-library = Ce n'est pas une bibliothèque Mizan
ui-error-audit-errors = L'audit signale des erreurs
ui-error-export-failed = Échec de l'export
ui-error-not-permitted = Opération non autorisée
ui-error-internal = Erreur interne

## Vocabulaire propre à CodeMirror
ui-cm-find = Rechercher
ui-cm-replace = Remplacer
ui-cm-next = suivant
ui-cm-previous = précédent
ui-cm-all = tout
ui-cm-match-case = respecter la casse
ui-cm-by-word = mot entier
ui-cm-regexp = expression régulière
ui-cm-replace-one = remplacer
ui-cm-replace-all = tout remplacer
ui-cm-close = fermer
ui-cm-current-match = occurrence actuelle
ui-cm-replaced-matches = $ occurrences remplacées
ui-cm-replaced-on-line = occurrence remplacée à la ligne $
ui-cm-on-line = à la ligne
ui-cm-go-to-line = Aller à la ligne
ui-cm-go = aller
ui-cm-diagnostics = Diagnostics
ui-cm-no-diagnostics = Aucun diagnostic
ui-cm-completions = Suggestions
ui-cm-control-character = Caractère de contrôle
ui-cm-selection-deleted = Sélection supprimée
ui-cm-folded-code = code replié
ui-cm-unfold = déplier
ui-cm-to = à
ui-cm-folded-lines = Lignes repliées
ui-cm-unfolded-lines = Lignes dépliées
ui-cm-fold-line = Replier la ligne
ui-cm-unfold-line = Déplier la ligne
