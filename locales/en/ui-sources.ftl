# Sources panel, source card, "Link to source" and the judgment marker picker (desktop UI).
# Ids start with `src-`. Grade letters, citation syntax and source data are not messages.

## Common actions
src-cancel = Cancel
src-close = Close
src-save = Save
src-insert = Insert

## Source types (crates/source SourceType names)
src-type-article = Journal article
src-type-news-article = News article
src-type-report = Report
src-type-web-page = Web page
src-type-dataset = Dataset
src-type-book = Book
src-type-chapter = Book chapter
src-type-official-statement = Official statement
src-type-interview = Interview
src-type-social-media-post = Social media post
src-type-thesis = Thesis
src-type-legal = Legal text
src-type-broadcast = Broadcast
src-type-other = Other

## Fields of a source
src-field-key = Citation key
src-field-kind = Type
src-field-title = Title
src-field-authors = Authors
src-field-issued = Date
src-field-language = Language
src-field-container-title = Published in
src-field-publisher = Publisher
src-field-pages = Pages
src-field-url = Web address
src-field-doi = DOI
src-field-accessed = Consulted on
src-field-grade = Reliability
src-field-tags = Tags
src-field-notes = Notes
src-field-excerpts = Excerpts

src-hint-key = Leave empty to make one from the author, year and title. Letters, digits and : . # $ % & - + ? < > ~ / _
src-hint-authors = One per line: "Family, Given" for a person, or the name as written for an organisation. Put a name that contains a comma in braces: {"{"}Name, Unit{"}"}.
src-hint-date = Year, year-month or full date: 2025, 2025-11 or 2025-11-20.
src-hint-language = A language code such as ar, fr or en-GB.
src-hint-tags = Separated by commas.

## Admiralty grades
src-grade-reliability = Reliability { $grade }
src-grade-option = { $grade } — { $meaning }
src-grade-none = Reliability not graded
src-grade-none-short = ?
src-grade-unset = Not graded
src-grade-title = Reliability (Admiralty scale)
src-grade-choose = New grade
src-grade-apply = Grade
src-graded-by = Graded { $grade } by { $who } on { $when }
src-credibility-none = Not stated
src-credibility-option = { $value } — { $meaning }

## Source card
src-card-excerpts = { $count ->
    [0] none
    [one] one excerpt
   *[other] { $count } excerpts
}

## Sources panel
src-search-label = Search the library
src-search-placeholder = Title, author, tag, words of an excerpt…
src-toolbar-label = Library actions
src-add = Add a source
src-import = Import…
src-export = Export…
src-filters-label = Filters
src-filter-kind = Type
src-filter-any = Any type
src-filter-language = Language
src-filter-language-placeholder = fr
src-filter-grade = Reliability
src-filter-years = Years
src-filter-years-placeholder = 2020..2025
src-hint-years = 2020..2025, 2023.. or ..2020
src-filter-tag = Tag
src-filter-reset = Clear filters
src-results-title = Sources found
src-status-count = { $count ->
    [one] One source
   *[other] { $count } sources
}
src-status-limit = The first { $count } sources; refine the search to see the others.
src-status-none = No source matches.
src-status-error = The search failed:
src-error-years = “{ $value }” is not a year range; write 2020..2025, 2023.. or ..2020.

## Detail view
src-detail-label = Source details
src-detail-empty = Choose a source to see its details.
src-detail-actions = Actions on this source
src-cite = Cite in the brief
src-edit = Edit
src-open-url = Open the web address
src-delete = Delete…
src-created = Added by { $who } on { $when }.
src-modified = Last changed by { $who } on { $when }.
src-excerpts-title = { $count ->
    [0] Excerpts
    [one] Excerpts (one)
   *[other] Excerpts ({ $count })
}
src-excerpt-text = New excerpt
src-excerpt-locator = Where in the source
src-hint-excerpt-locator = For example p. 12 or § 3.
src-excerpt-add = Add the excerpt
src-error-excerpt-empty = Write the passage to keep.
src-cited-by-title = { $count ->
    [0] Cited by no claim
    [one] Cited by one claim
   *[other] Cited by { $count } claims
}
src-cited-by-none = No brief cites this source yet.
src-claim-kind-fact = Fact
src-claim-kind-judgment = Judgment
src-claim-kind-assumption = Assumption
src-claim-kind-other = Claim
src-claim-line = line { $line }
src-claim-credibility = credibility { $value } ({ $meaning })
src-error-gone = This source is no longer in the library.

## Add and edit form
src-form-title-add = Add a source
src-form-title-edit = Edit { $key }
src-error-title-required = A source needs a title.
src-error-key-empty = The key cannot be empty.
src-error-key-long = The key is longer than 200 characters.
src-error-key-chars = A key starts with a letter, a digit or _ and may contain only letters, digits and : . # $ % & - + ? < > ~ / _
src-error-key-taken = The key “{ $key }” is already used by another source.
src-error-duplicate = This source seems to be already in the library: { $detail }
src-error-date = “{ $value }” is not a date; write 2025, 2025-11 or 2025-11-20.
src-error-author-line = Line { $line } of the authors cannot be read: write “Family, Given”, or a name in braces if it contains a comma.
src-error-language = “{ $value }” is not a language code (ar, fr, en-GB…).
src-error-grade = The grade must be a letter from A to F.
src-error-unexpected = Something went wrong; the source was not saved.

## Delete
src-delete-title = Delete this source?
src-delete-question = Delete “{ $title }” ({ $key }) from the library?
src-delete-cited = { $briefs ->
    [one] It is cited by { $claims ->
        [one] one claim
       *[other] { $claims } claims
    } in this brief:
   *[other] It is cited by { $claims } claims in these { $briefs } briefs:
}
src-delete-claims = { $count ->
    [one] one claim
   *[other] { $count } claims
}
src-delete-cited-after = Those citations will be reported as citing a deleted source until they are changed.
src-delete-uncited = No brief cites it.
src-delete-confirm = Delete
src-deleted = “{ $title }” was deleted.

## Import
src-import-title = Import sources
src-import-intro = Choose what to do with sources already in the library, then pick the file (CSL-JSON, BibTeX or RIS).
src-import-policy = Sources already in the library
src-import-policy-skip = Skip them
src-import-policy-merge = Merge them
src-import-policy-keep-both = Keep both
src-import-policy-hint-skip = The existing source stays as it is; the duplicate is listed in the report.
src-import-policy-hint-merge = Empty fields of the existing source are filled in, and new tags and excerpts are added.
src-import-policy-hint-keep-both = The imported source is added as a separate copy.
src-import-start = Choose the file and import
src-import-progress = Import progress
src-import-progress-count = { $done } of { $total } entries
src-import-done = Import finished
src-import-count-read = Entries read
src-import-count-added = Added
src-import-count-skipped = Skipped
src-import-count-merged = Merged
src-import-count-renamed = Renamed (key taken)
src-import-no-duplicates = No duplicates were found.
src-import-duplicates = { $count ->
    [one] One duplicate
   *[other] { $count } duplicates
}
src-import-col-incoming = Imported
src-import-col-existing = Already in the library
src-import-col-reason = Why
src-import-col-outcome = Outcome
src-import-outcome-skipped = Skipped
src-import-outcome-merged = Merged
src-import-outcome-kept-both = Both kept

## Export
src-export-title = Export sources
src-export-format = Format
src-export-format-csl-json = CSL-JSON (Zotero)
src-export-format-bibtex = BibTeX
src-export-format-ris = RIS
src-export-scope = Which sources
src-export-scope-all = The whole library
src-export-scope-listed = { $count ->
    [one] The source listed
   *[other] The { $count } sources listed
}
src-export-start = Choose where and export
src-export-done = Exported to

## Link to source
src-link-title = Link to a source
src-link-find = Find the source
src-link-new-source = New source…
src-link-new-title = New source
src-link-create = Create the source
src-link-chosen = Source cited
src-link-none-chosen = No source chosen yet.
src-link-error-no-source = Choose a source (or create one) first.
src-link-locator-kind = Locator
src-link-locator-value = Value
src-locator-none = None
src-locator-option = { $name } ({ $label })
src-locator-page = Page
src-locator-chapter = Chapter
src-locator-section = Section
src-locator-paragraph = Paragraph
src-locator-volume = Volume
src-locator-article = Article
src-locator-figure = Figure
src-locator-line = Line
src-locator-note = Note
src-locator-column = Column
src-error-locator-empty = Give the page, section or paragraph, or choose no locator.
src-error-locator-separator = A locator cannot contain a comma or a semicolon (they separate the parts of a citation).
src-error-locator-quote = A locator cannot contain quotation marks (they mark an excerpt).
src-link-excerpt = Excerpt supporting the passage
src-link-excerpt-none = None
src-link-excerpt-existing = An excerpt of the source
src-link-excerpt-choose = Excerpt
src-link-excerpt-selection = Quote the selected text as a new excerpt
src-link-error-no-excerpt = Choose one of the source's excerpts.
src-link-credibility = Credibility of the information
src-hint-credibility = Admiralty scale, judged for this piece of information (the source's reliability is graded in the library).
src-link-preview = Citation:

## Judgment and assumption markers
src-jm-title-judgment = Mark a judgment
src-jm-title-assumption = Mark an assumption
src-jm-label = Label
src-jm-likelihood = Likelihood (ICD 203)
src-jm-confidence = Confidence
src-jm-none = Not stated
src-jm-range = { $from }–{ $to }%
src-jm-icd203 = State likelihood and confidence here; in the text, do not put both in the same sentence.
src-jm-preview = Marker:
