# Vocabulaire partagé par toute l'application : langues, gravités, échelle de
# l'Amirauté et langage estimatif de l'ICD 203. Ce sont les termes convenus du
# projet : l'analyseur des notes lit ici les termes de probabilité, de confiance et
# les étiquettes. `.accept` énumère d'autres formulations acceptées, séparées par « | ».

## Langues
lang-ar = arabe
lang-fr = français
lang-en = anglais

## Gravité d'un diagnostic
severity-error = erreur
severity-warning = avertissement
severity-info = remarque

## Types d'assertion dans une note
claim-fact = fait
claim-judgment = jugement
claim-assumption = hypothèse

## Étiquettes ouvrant un paragraphe de jugement ou d'hypothèse : **Jugement** (probable) : …
label-judgment = Jugement
    .accept = Jugement clé | Appréciation
label-assumption = Hypothèse
    .accept = Hypothèse de travail | Postulat

## Échelle de probabilité de l'ICD 203
likelihood-almost-no-chance = quasiment exclu
    .range = 01–05 %
    .accept = presque aucune chance | quasi exclu | pratiquement exclu
likelihood-very-unlikely = très improbable
    .range = 05–20 %
    .accept = très peu probable | hautement improbable
likelihood-unlikely = improbable
    .range = 20–45 %
    .accept = peu probable | peu vraisemblable
likelihood-roughly-even-chance = chances à peu près égales
    .range = 45–55 %
    .accept = à peu près autant de chances que non | chances égales
likelihood-likely = probable
    .range = 55–80 %
    .accept = probablement | vraisemblable
likelihood-very-likely = très probable
    .range = 80–95 %
    .accept = hautement probable | fort probable
likelihood-almost-certain = quasi certain
    .range = 95–99 %
    .accept = presque certain | pratiquement certain | quasi certainement

## Degré de confiance, énoncé séparément de la probabilité. `.level` énumère les mots
## qui, avec le mot « confiance » dans la même phrase, en donnent le niveau.
confidence-noun = confiance
    .accept = confiants
confidence-low = confiance faible
    .level = faible | basse | limitée
    .accept = faible confiance
confidence-moderate = confiance modérée
    .level = modérée | modéré | moyenne | moyen
    .accept = confiance moyenne
confidence-high = confiance élevée
    .level = élevée | élevé | forte | grande
    .accept = forte confiance | grande confiance

## Échelle de l'Amirauté : fiabilité de la source
reliability-a = totalement fiable
reliability-b = habituellement fiable
reliability-c = assez fiable
reliability-d = habituellement peu fiable
reliability-e = non fiable
reliability-f = fiabilité impossible à évaluer

## Échelle de l'Amirauté : crédibilité de l'information
credibility-1 = confirmée par d'autres sources
credibility-2 = probablement vraie
credibility-3 = possiblement vraie
credibility-4 = douteuse
credibility-5 = improbable
credibility-6 = véracité impossible à évaluer
