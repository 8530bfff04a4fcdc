# The desktop shell's native dialogs (titles, file filters, confirmations).

shell-open-brief = Open a brief
shell-save-brief = Save the brief
shell-export-pdf = Export the brief as PDF
shell-import-sources = Import sources
shell-export-sources = Export sources
shell-sync-folder = Choose the team’s shared folder
shell-filter-briefs = Briefs (Markdown)
shell-filter-pdf = PDF documents
shell-filter-sources = Source files (CSL-JSON, BibTeX, RIS)
shell-filter-csl-json = CSL-JSON
shell-filter-bibtex = BibTeX
shell-filter-ris = RIS
shell-open-url-title = Open a link
shell-open-url = Open { $url } in your web browser?
