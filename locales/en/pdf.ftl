# Text printed in brief PDFs: page numbers, sources annex, notes, dates.
# Likelihood, confidence and Admiralty grade terms come from common.ftl.

## Page furniture
pdf-page = Page { $number } of { $total }
pdf-draft-watermark = DRAFT / مسودة / BROUILLON
pdf-subject-default = Analytic brief
pdf-authors-separator = ,{" "}

## Dates: "20 November 2025"
pdf-date-day = { $day } { $month } { $year }
pdf-date-month = { $month } { $year }
pdf-month-1 = January
pdf-month-2 = February
pdf-month-3 = March
pdf-month-4 = April
pdf-month-5 = May
pdf-month-6 = June
pdf-month-7 = July
pdf-month-8 = August
pdf-month-9 = September
pdf-month-10 = October
pdf-month-11 = November
pdf-month-12 = December

## Judgments and assumptions: the label beside the paragraph
pdf-likelihood = { $term } ({ $range })

## Notes
pdf-notes-title = Notes
pdf-note-credibility = credibility of the information: { $grade } ({ $meaning })
pdf-note-excerpt = excerpt: “{ $text }”
pdf-note-unknown-source = source “{ $key }” is not in the library

## Sources annex
pdf-annex-title = Annex: sources cited
pdf-annex-intro = Source reliability on the Admiralty scale (A to F); the credibility of each piece of information (1 to 6) is given in the notes.
pdf-annex-type = Type: { $type }
pdf-annex-reliability = Reliability: { $grade } ({ $meaning })
pdf-annex-ungraded = Reliability: not graded
pdf-annex-information-date = Date of information: { $date }
pdf-annex-accessed = accessed { $date }
pdf-annex-access = Access: { $access }
pdf-annex-notes = Notes: { $notes }
pdf-annex-missing = No source of the library has this key.

## Source types
pdf-source-type-article = article
pdf-source-type-news-article = news article
pdf-source-type-report = report
pdf-source-type-web-page = web page
pdf-source-type-dataset = dataset
pdf-source-type-book = book
pdf-source-type-chapter = book chapter
pdf-source-type-official-statement = official statement
pdf-source-type-interview = interview
pdf-source-type-social-media-post = social media post
pdf-source-type-thesis = thesis
pdf-source-type-legal = legal text
pdf-source-type-broadcast = broadcast
pdf-source-type-other = other
