# Messages about briefs: what the parser and the sourcing audit report.
# Each id is `brief-` followed by the diagnostic's stable code.

## Reading the file
brief-invalid-utf8 = The file is not valid UTF-8 (first bad byte at line { $line }, column { $column }); invalid bytes were replaced with �.
brief-input-too-large = The brief is unusually large ({ $size } MB); it was read in full, but check that this is the right file.
brief-nesting-too-deep = Lists or quotes are nested more than { $depth } levels deep; deeper content is kept as plain paragraphs.
brief-front-matter-missing = The brief has no front matter (the block between two --- lines at the top); its language and title are unknown.
brief-front-matter-unclosed = The front matter opened with --- is never closed by a --- line; it was read as text.
brief-front-matter-invalid = The front matter is not valid YAML: { $detail }
brief-front-matter-unknown-field = Unknown front matter field “{ $field }”; it is kept as is.
brief-front-matter-bad-value = Front matter field “{ $field }” has the value “{ $value }”; expected { $expected }.
brief-front-matter-missing-field = The front matter lacks the field “{ $field }”.

## Citations and claim markers
brief-citation-unclosed = This citation opens with “[” but never closes with “]”.
brief-citation-bad-key = “{ $key }” is not a valid citation key.
brief-citation-bad-credibility = “{ $value }” is not an information credibility (expected 1 to 6).
brief-marker-unknown-qualifier = “{ $value }” is neither an ICD 203 likelihood nor a confidence level.
brief-marker-duplicate-qualifier = “{ $value }” repeats a likelihood or confidence already given for this claim.

## Sourcing audit
brief-unknown-template = Unknown template “{ $template }”: no section requires sourcing and no freshness limit applies.
brief-unknown-citation-key = No source in the library has the key “{ $key }”.
brief-deleted-source = The source “{ $key }” has been deleted from the library.
brief-unknown-excerpt = The source “{ $key }” has no excerpt beginning with “{ $excerpt }”.
brief-unsourced-statement = This sentence states a fact without a citation, and the section “{ $section }” requires sourcing.
brief-single-source = This claim rests on a single source ({ $key }).
brief-weak-sourcing = This claim rests only on sources graded E or F or on information of credibility 5 or 6.
brief-likelihood-with-confidence = The likelihood “{ $likelihood }” and the confidence “{ $confidence }” are in the same sentence; ICD 203 asks for separate sentences.
brief-judgment-unqualified = This judgment states neither a likelihood nor a confidence level.
brief-judgment-qualifier-mismatch = The judgment is marked “{ $marked }” but its text says “{ $written }”.
brief-unmarked-judgment = This sentence uses estimative language (“{ $term }”) but is not marked as a judgment.
brief-stale-source = { $as-of ->
    [today] The source “{ $key }” dates from { $issued }, { $days } days ago, beyond the template's limit of { $limit } days.
   *[other] The source “{ $key }” dates from { $issued }, { $days } days before the date of this final brief ({ $as-of }), beyond the template's limit of { $limit } days.
}

## Summary
brief-stats-claims = { $count ->
    [one] { $count } claim
   *[other] { $count } claims
}
