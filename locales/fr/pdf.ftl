# Textes imprimés dans les PDF des notes : pagination, annexe des sources, notes, dates.
# Les termes de probabilité, de confiance et les cotes de l'Amirauté viennent de common.ftl.

## Pagination et mentions
pdf-page = Page { $number } sur { $total }
pdf-draft-watermark = DRAFT / مسودة / BROUILLON
pdf-subject-default = Note d'analyse
pdf-authors-separator = ,{" "}

## Dates : « 20 novembre 2025 »
pdf-date-day = { $day } { $month } { $year }
pdf-date-month = { $month } { $year }
pdf-month-1 = janvier
pdf-month-2 = février
pdf-month-3 = mars
pdf-month-4 = avril
pdf-month-5 = mai
pdf-month-6 = juin
pdf-month-7 = juillet
pdf-month-8 = août
pdf-month-9 = septembre
pdf-month-10 = octobre
pdf-month-11 = novembre
pdf-month-12 = décembre

## Jugements et hypothèses : étiquette en marge du paragraphe
pdf-likelihood = { $term } ({ $range })

## Notes
pdf-notes-title = Notes
pdf-note-credibility = crédibilité de l'information : { $grade } ({ $meaning })
pdf-note-excerpt = extrait : « { $text } »
pdf-note-unknown-source = source « { $key } » absente de la bibliothèque

## Annexe des sources
pdf-annex-title = Annexe : sources citées
pdf-annex-intro = Fiabilité des sources selon l'échelle de l'Amirauté (A à F) ; la crédibilité de chaque information (1 à 6) figure dans les notes.
pdf-annex-type = Type : { $type }
pdf-annex-reliability = Fiabilité : { $grade } ({ $meaning })
pdf-annex-ungraded = Fiabilité : non cotée
pdf-annex-information-date = Date de l'information : { $date }
pdf-annex-accessed = consultée le { $date }
pdf-annex-access = Accès : { $access }
pdf-annex-notes = Notes : { $notes }
pdf-annex-missing = Aucune source de la bibliothèque n'a cette clé.

## Types de source
pdf-source-type-article = article
pdf-source-type-news-article = article de presse
pdf-source-type-report = rapport
pdf-source-type-web-page = page web
pdf-source-type-dataset = jeu de données
pdf-source-type-book = livre
pdf-source-type-chapter = chapitre d'ouvrage
pdf-source-type-official-statement = déclaration officielle
pdf-source-type-interview = entretien
pdf-source-type-social-media-post = publication sur un réseau social
pdf-source-type-thesis = thèse
pdf-source-type-legal = texte juridique
pdf-source-type-broadcast = émission
pdf-source-type-other = autre
