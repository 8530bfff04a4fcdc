# Panneau des sources, fiche de source, « Lier à une source » et choix des marqueurs de
# jugement (interface de bureau). Les identifiants commencent par `src-`.

## Actions communes
src-cancel = Annuler
src-close = Fermer
src-save = Enregistrer
src-insert = Insérer

## Types de source
src-type-article = Article de revue
src-type-news-article = Article de presse
src-type-report = Rapport
src-type-web-page = Page web
src-type-dataset = Jeu de données
src-type-book = Livre
src-type-chapter = Chapitre d'ouvrage
src-type-official-statement = Déclaration officielle
src-type-interview = Entretien
src-type-social-media-post = Publication sur un réseau social
src-type-thesis = Thèse
src-type-legal = Texte juridique
src-type-broadcast = Émission
src-type-other = Autre

## Champs d'une source
src-field-key = Clé de citation
src-field-kind = Type
src-field-title = Titre
src-field-authors = Auteurs
src-field-issued = Date
src-field-language = Langue
src-field-container-title = Paru dans
src-field-publisher = Éditeur
src-field-pages = Pages
src-field-url = Adresse web
src-field-doi = DOI
src-field-accessed = Consulté le
src-field-grade = Fiabilité
src-field-tags = Étiquettes
src-field-notes = Notes
src-field-excerpts = Extraits

src-hint-key = Laisser vide pour la former à partir de l'auteur, de l'année et du titre. Lettres, chiffres et : . # $ % & - + ? < > ~ / _
src-hint-authors = Un par ligne : « Nom, Prénom » pour une personne, ou le nom tel quel pour un organisme. Mettre entre accolades un nom qui contient une virgule : {"{"}Nom, Service{"}"}.
src-hint-date = Année, année-mois ou date complète : 2025, 2025-11 ou 2025-11-20.
src-hint-language = Un code de langue comme ar, fr ou en-GB.
src-hint-tags = Séparées par des virgules.

## Échelle de l'Amirauté
src-grade-reliability = Fiabilité { $grade }
src-grade-option = { $grade } — { $meaning }
src-grade-none = Fiabilité non évaluée
src-grade-none-short = ?
src-grade-unset = Non évaluée
src-grade-title = Fiabilité (échelle de l'Amirauté)
src-grade-choose = Nouvelle cote
src-grade-apply = Coter
src-graded-by = Cotée { $grade } par { $who } le { $when }
src-credibility-none = Non précisée
src-credibility-option = { $value } — { $meaning }

## Fiche de source
src-card-excerpts = { $count ->
    [0] aucun
    [one] un extrait
   *[other] { $count } extraits
}

## Panneau des sources
src-search-label = Chercher dans la bibliothèque
src-search-placeholder = Titre, auteur, étiquette, mots d'un extrait…
src-toolbar-label = Actions sur la bibliothèque
src-add = Ajouter une source
src-import = Importer…
src-export = Exporter…
src-filters-label = Filtres
src-filter-kind = Type
src-filter-any = Tous les types
src-filter-language = Langue
src-filter-language-placeholder = fr
src-filter-grade = Fiabilité
src-filter-years = Années
src-filter-years-placeholder = 2020..2025
src-hint-years = 2020..2025, 2023.. ou ..2020
src-filter-tag = Étiquette
src-filter-reset = Effacer les filtres
src-results-title = Sources trouvées
src-status-count = { $count ->
    [one] Une source
   *[other] { $count } sources
}
src-status-limit = Les { $count } premières sources ; affinez la recherche pour voir les autres.
src-status-none = Aucune source ne correspond.
src-status-error = La recherche a échoué :
src-error-years = « { $value } » n'est pas une période ; écrivez 2020..2025, 2023.. ou ..2020.

## Fiche détaillée
src-detail-label = Détail de la source
src-detail-empty = Choisissez une source pour en voir le détail.
src-detail-actions = Actions sur cette source
src-cite = Citer dans la note
src-edit = Modifier
src-open-url = Ouvrir l'adresse web
src-delete = Supprimer…
src-created = Ajoutée par { $who } le { $when }.
src-modified = Dernière modification par { $who } le { $when }.
src-excerpts-title = { $count ->
    [0] Extraits
    [one] Extraits (un)
   *[other] Extraits ({ $count })
}
src-excerpt-text = Nouvel extrait
src-excerpt-locator = Emplacement dans la source
src-hint-excerpt-locator = Par exemple p. 12 ou § 3.
src-excerpt-add = Ajouter l'extrait
src-error-excerpt-empty = Saisissez le passage à conserver.
src-cited-by-title = { $count ->
    [0] Citée par aucune assertion
    [one] Citée par une assertion
   *[other] Citée par { $count } assertions
}
src-cited-by-none = Aucune note ne cite encore cette source.
src-claim-kind-fact = Fait
src-claim-kind-judgment = Jugement
src-claim-kind-assumption = Hypothèse
src-claim-kind-other = Assertion
src-claim-line = ligne { $line }
src-claim-credibility = crédibilité { $value } ({ $meaning })
src-error-gone = Cette source n'est plus dans la bibliothèque.

## Formulaire d'ajout et de modification
src-form-title-add = Ajouter une source
src-form-title-edit = Modifier { $key }
src-error-title-required = Une source doit avoir un titre.
src-error-key-empty = La clé ne peut pas être vide.
src-error-key-long = La clé dépasse 200 caractères.
src-error-key-chars = Une clé commence par une lettre, un chiffre ou _ et ne contient que des lettres, des chiffres et : . # $ % & - + ? < > ~ / _
src-error-key-taken = La clé « { $key } » est déjà prise par une autre source.
src-error-duplicate = Cette source semble déjà figurer dans la bibliothèque : { $detail }
src-error-date = « { $value } » n'est pas une date ; écrivez 2025, 2025-11 ou 2025-11-20.
src-error-author-line = La ligne { $line } des auteurs est illisible : écrivez « Nom, Prénom », ou le nom entre accolades s'il contient une virgule.
src-error-language = « { $value } » n'est pas un code de langue (ar, fr, en-GB…).
src-error-grade = La cote doit être une lettre de A à F.
src-error-unexpected = Une erreur est survenue ; la source n'a pas été enregistrée.

## Suppression
src-delete-title = Supprimer cette source ?
src-delete-question = Supprimer « { $title } » ({ $key }) de la bibliothèque ?
src-delete-cited = { $briefs ->
    [one] Elle est citée par { $claims ->
        [one] une assertion
       *[other] { $claims } assertions
    } dans cette note :
   *[other] Elle est citée par { $claims } assertions dans ces { $briefs } notes :
}
src-delete-claims = { $count ->
    [one] une assertion
   *[other] { $count } assertions
}
src-delete-cited-after = Ces citations seront signalées comme renvoyant à une source supprimée tant qu'elles n'auront pas été modifiées.
src-delete-uncited = Aucune note ne la cite.
src-delete-confirm = Supprimer
src-deleted = « { $title } » a été supprimée.

## Importation
src-import-title = Importer des sources
src-import-intro = Choisissez le sort des sources déjà présentes dans la bibliothèque, puis le fichier (CSL-JSON, BibTeX ou RIS).
src-import-policy = Sources déjà présentes
src-import-policy-skip = Les ignorer
src-import-policy-merge = Les fusionner
src-import-policy-keep-both = Garder les deux
src-import-policy-hint-skip = La source existante reste inchangée ; le doublon figure dans le compte rendu.
src-import-policy-hint-merge = Les champs vides de la source existante sont complétés, et les nouvelles étiquettes et les nouveaux extraits sont ajoutés.
src-import-policy-hint-keep-both = La source importée est ajoutée comme une copie distincte.
src-import-start = Choisir le fichier et importer
src-import-progress = Progression de l'importation
src-import-progress-count = { $done } entrées sur { $total }
src-import-done = Importation terminée
src-import-count-read = Entrées lues
src-import-count-added = Ajoutées
src-import-count-skipped = Ignorées
src-import-count-merged = Fusionnées
src-import-count-renamed = Renommées (clé déjà prise)
src-import-no-duplicates = Aucun doublon n'a été trouvé.
src-import-duplicates = { $count ->
    [one] Un doublon
   *[other] { $count } doublons
}
src-import-col-incoming = Importée
src-import-col-existing = Déjà dans la bibliothèque
src-import-col-reason = Motif
src-import-col-outcome = Résultat
src-import-outcome-skipped = Ignorée
src-import-outcome-merged = Fusionnée
src-import-outcome-kept-both = Les deux gardées

## Exportation
src-export-title = Exporter des sources
src-export-format = Format
src-export-format-csl-json = CSL-JSON (Zotero)
src-export-format-bibtex = BibTeX
src-export-format-ris = RIS
src-export-scope = Quelles sources
src-export-scope-all = Toute la bibliothèque
src-export-scope-listed = { $count ->
    [one] La source affichée
   *[other] Les { $count } sources affichées
}
src-export-start = Choisir l'emplacement et exporter
src-export-done = Exporté vers

## Lier à une source
src-link-title = Lier à une source
src-link-find = Trouver la source
src-link-new-source = Nouvelle source…
src-link-new-title = Nouvelle source
src-link-create = Créer la source
src-link-chosen = Source citée
src-link-none-chosen = Aucune source choisie pour l'instant.
src-link-error-no-source = Choisissez d'abord une source (ou créez-en une).
src-link-locator-kind = Localisation
src-link-locator-value = Valeur
src-locator-none = Aucune
src-locator-option = { $name } ({ $label })
src-locator-page = Page
src-locator-chapter = Chapitre
src-locator-section = Section
src-locator-paragraph = Paragraphe
src-locator-volume = Volume
src-locator-article = Article
src-locator-figure = Figure
src-locator-line = Ligne
src-locator-note = Note
src-locator-column = Colonne
src-error-locator-empty = Indiquez la page, la section ou le paragraphe, ou ne choisissez aucune localisation.
src-error-locator-separator = Une localisation ne peut contenir ni virgule ni point-virgule (ils séparent les parties d'une citation).
src-error-locator-quote = Une localisation ne peut pas contenir de guillemets (ils signalent un extrait).
src-link-excerpt = Extrait à l'appui du passage
src-link-excerpt-none = Aucun
src-link-excerpt-existing = Un extrait de la source
src-link-excerpt-choose = Extrait
src-link-excerpt-selection = Citer le texte sélectionné comme nouvel extrait
src-link-error-no-excerpt = Choisissez l'un des extraits de la source.
src-link-credibility = Crédibilité de l'information
src-hint-credibility = Échelle de l'Amirauté, appréciée pour cette information (la fiabilité de la source se cote dans la bibliothèque).
src-link-preview = Citation :

## Marqueurs de jugement et d'hypothèse
src-jm-title-judgment = Marquer un jugement
src-jm-title-assumption = Marquer une hypothèse
src-jm-label = Étiquette
src-jm-likelihood = Probabilité (ICD 203)
src-jm-confidence = Confiance
src-jm-none = Non précisée
src-jm-range = { $from }–{ $to } %
src-jm-icd203 = Indiquez ici la probabilité et la confiance ; dans le texte, ne les réunissez pas dans la même phrase.
src-jm-preview = Marqueur :

