# Synchronisation avec l'équipe par un dossier partagé : le contrôle de la barre d'outils,
# la boîte du dossier partagé et le panneau des conflits (ui/src/sync/). Aussi les codes
# d'erreur de la synchronisation et le titre de la boîte de choix de dossier du shell.

## Barre d'outils

sync-button = Synchroniser
sync-button-hint = Synchroniser la bibliothèque avec le dossier partagé de l'équipe
sync-settings = Dossier partagé…
sync-region-label = Synchronisation avec l'équipe
sync-conflicts-button = { $count ->
    [one] { $count } conflit
   *[other] { $count } conflits
}
sync-state-unknown = État de la synchronisation indisponible
sync-state-off = Synchronisation non configurée
sync-state-never = Pas encore synchronisé
sync-state-running = Synchronisation…
sync-state-ok = Dernière synchro : { $when }
sync-state-error = Échec de la synchronisation
sync-done = Synchronisé. Modifications reçues : { $received }, envoyées : { $sent }.
sync-forgotten = Synchronisation arrêtée. Le dossier partagé est resté tel quel.

## Boîte du dossier partagé

sync-dialog-title = Synchroniser avec l'équipe
sync-intro = Mizan partage les sources, extraits, cotations et mots-clés avec votre équipe par un dossier accessible à tous : partage réseau, Syncthing, Nextcloud ou clé USB. Les notes et leur historique restent sur cet ordinateur.
sync-folder-label = Dossier partagé
sync-folder-none = Aucun dossier partagé choisi pour l'instant.
sync-choose-folder = Choisir le dossier…
sync-change-folder = Changer de dossier…
sync-forget-folder = Arrêter la synchronisation
sync-periodic-note = Tant qu'un dossier est choisi, Mizan synchronise au démarrage puis toutes les cinq minutes.
sync-last-label = Dernière synchronisation
sync-report-when = Terminée le { $when }
sync-summary-sent = Modifications envoyées : { $count }
sync-summary-received = Modifications reçues : { $count }
sync-summary-applied = Modifications appliquées ici : { $count }
sync-summary-conflicts = Nouveaux conflits : { $count }
sync-summary-waiting = Ordinateurs dont les prochaines modifications ne sont pas encore arrivées dans le dossier : { $count }
sync-refused-title = Fichiers refusés
sync-refused-hint = Ces fichiers venus d'autres ordinateurs sont endommagés ou appartiennent à une autre bibliothèque. Leurs modifications suivantes attendent que l'ordinateur qui les a écrits se synchronise de nouveau.
sync-error-title = La dernière synchronisation a échoué.
sync-open-conflicts = { $count ->
    [0] Conflits…
    [one] Examiner 1 conflit…
   *[other] Examiner { $count } conflits…
}
sync-now = Synchroniser maintenant
sync-close = Fermer

## Panneau des conflits

sync-conflicts-title = Conflits de synchronisation
sync-conflicts-intro = Quand le même champ a été modifié sur deux ordinateurs, la modification la plus récente a été gardée partout et l'autre valeur consignée ici. Gardez l'autre valeur, ou écartez le conflit pour garder la valeur actuelle.
sync-conflicts-show-all = Afficher aussi les conflits réglés
sync-conflicts-list-label = Conflits
sync-conflicts-none = Aucun conflit en attente.
sync-conflicts-none-all = Le journal des conflits est vide.
sync-conflict-kind-field = Modifié sur deux ordinateurs
sync-conflict-kind-delete = Supprimé sur un ordinateur, modifié sur un autre
sync-conflict-kind-key = Deux sources avaient la même clé de citation
sync-conflict-excerpt = Extrait
sync-conflict-source-unknown = Source absente de la bibliothèque
sync-conflict-field = Champ : { $field }
sync-conflict-kept = Valeur actuelle
sync-conflict-lost = Autre valeur
sync-conflict-device = Appareil { $device }
sync-conflict-detected = Consigné le { $when }
sync-value-empty = (vide)
sync-value-live = Gardée, avec la modification
sync-value-deleted = Supprimée
sync-flip = Garder l'autre valeur
sync-flip-delete = Supprimer quand même
sync-dismiss = Écarter
sync-resolved-flipped = Autre valeur gardée ({ $when })
sync-resolved-dismissed = Écarté ({ $when })

## Noms des champs

sync-field-key = Clé de citation
sync-field-type = Type
sync-field-title = Titre
sync-field-container-title = Publié dans
sync-field-authors = Auteurs
sync-field-publisher = Éditeur
sync-field-issued = Date
sync-field-url = URL
sync-field-doi = DOI
sync-field-language = Langue
sync-field-pages = Pages
sync-field-accessed = Consulté le
sync-field-notes = Notes
sync-field-tags = Mots-clés
sync-field-grade = Fiabilité
sync-field-deleted = Suppression
sync-field-created = Création
sync-field-modified = Dernière modification
sync-field-source-id = Source de l'extrait
sync-field-position = Position
sync-field-text = Texte de l'extrait
sync-field-locator = Localisation

## Erreurs (codes stables du shell)

ui-error-no-sync-folder = Synchronisation non configurée
ui-error-sync-folder = Dossier partagé inutilisable
ui-error-cannot-flip = Impossible de rétablir l'autre valeur
