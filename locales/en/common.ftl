# Wording shared by the whole application: languages, severities, the Admiralty
# scale and the ICD 203 estimative language. These are the project's agreed terms:
# the brief parser reads the likelihood, confidence and label terms from here.
# `.accept` lists further wordings the parser accepts, separated by "|".

## Languages
lang-ar = Arabic
lang-fr = French
lang-en = English

## Severity of a diagnostic
severity-error = error
severity-warning = warning
severity-info = note

## Kinds of claim in a brief
claim-fact = fact
claim-judgment = judgment
claim-assumption = assumption

## Labels that open a judgment or an assumption paragraph: **Judgment** (likely): …
label-judgment = Judgment
    .accept = Judgement | Key judgment | Key judgement
label-assumption = Assumption
    .accept = Working assumption | Hypothesis

## ICD 203 likelihood scale
likelihood-almost-no-chance = almost no chance
    .range = 01–05%
    .accept = remote | almost no chance
likelihood-very-unlikely = very unlikely
    .range = 05–20%
    .accept = highly unlikely | highly improbable
likelihood-unlikely = unlikely
    .range = 20–45%
    .accept = improbable | probably not
likelihood-roughly-even-chance = roughly even chance
    .range = 45–55%
    .accept = roughly even odds | even chance
likelihood-likely = likely
    .range = 55–80%
    .accept = probable | probably
likelihood-very-likely = very likely
    .range = 80–95%
    .accept = highly likely | highly probable
likelihood-almost-certain = almost certain
    .range = 95–99%
    .accept = nearly certain | almost certainly

## Analytic confidence, stated apart from likelihood. `.level` lists the words that,
## next to the word for confidence in the same sentence, name the level.
confidence-noun = confidence
    .accept = confident
confidence-low = low confidence
    .level = low
    .accept = confidence is low
confidence-moderate = moderate confidence
    .level = moderate | medium
    .accept = medium confidence
confidence-high = high confidence
    .level = high
    .accept = confidence is high

## Admiralty scale: reliability of a source
reliability-a = completely reliable
reliability-b = usually reliable
reliability-c = fairly reliable
reliability-d = not usually reliable
reliability-e = unreliable
reliability-f = reliability cannot be judged

## Admiralty scale: credibility of a piece of information
credibility-1 = confirmed by other sources
credibility-2 = probably true
credibility-3 = possibly true
credibility-4 = doubtful
credibility-5 = improbable
credibility-6 = truth cannot be judged
