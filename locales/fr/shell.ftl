# Les dialogues natifs de l'application (titres, filtres de fichiers, confirmations).

shell-open-brief = Ouvrir une note
shell-save-brief = Enregistrer la note
shell-export-pdf = Exporter la note en PDF
shell-import-sources = Importer des sources
shell-export-sources = Exporter des sources
shell-sync-folder = Choisir le dossier partagé de l’équipe
shell-filter-briefs = Notes (Markdown)
shell-filter-pdf = Documents PDF
shell-filter-sources = Fichiers de sources (CSL-JSON, BibTeX, RIS)
shell-filter-csl-json = CSL-JSON
shell-filter-bibtex = BibTeX
shell-filter-ris = RIS
shell-open-url-title = Ouvrir un lien
shell-open-url = Ouvrir { $url } dans votre navigateur ?
