# Messages sur les notes : ce que signalent l'analyseur et l'audit des sources.
# Chaque identifiant est `brief-` suivi du code stable du diagnostic.

## Lecture du fichier
brief-invalid-utf8 = Le fichier n'est pas en UTF-8 valide (premier octet invalide ligne { $line }, colonne { $column }) ; les octets invalides ont été remplacés par �.
brief-input-too-large = La note est anormalement volumineuse ({ $size } Mo) ; elle a été lue en entier, mais vérifiez qu'il s'agit du bon fichier.
brief-nesting-too-deep = Des listes ou des citations sont imbriquées sur plus de { $depth } niveaux ; le contenu plus profond est conservé en paragraphes simples.
brief-front-matter-missing = La note n'a pas d'en-tête (le bloc entre deux lignes --- en tête de fichier) ; sa langue et son titre sont inconnus.
brief-front-matter-unclosed = L'en-tête ouvert par --- n'est jamais fermé par une ligne --- ; il a été lu comme du texte.
brief-front-matter-invalid = L'en-tête n'est pas du YAML valide : { $detail }
brief-front-matter-unknown-field = Champ d'en-tête inconnu « { $field } » ; il est conservé tel quel.
brief-front-matter-bad-value = Le champ d'en-tête « { $field } » vaut « { $value } » ; valeur attendue : { $expected }.
brief-front-matter-missing-field = Il manque le champ « { $field } » dans l'en-tête.

## Citations et marqueurs d'assertion
brief-citation-unclosed = Cette citation s'ouvre par « [ » mais ne se ferme jamais par « ] ».
brief-citation-bad-key = « { $key } » n'est pas une clé de citation valide.
brief-citation-bad-credibility = « { $value } » n'est pas une crédibilité de l'information (valeur attendue : de 1 à 6).
brief-marker-unknown-qualifier = « { $value } » n'est ni une probabilité de l'ICD 203 ni un degré de confiance.
brief-marker-duplicate-qualifier = « { $value } » répète une probabilité ou une confiance déjà indiquée pour cette assertion.

## Audit des sources
brief-unknown-template = Modèle inconnu « { $template } » : aucune section n'exige de sources et aucune limite d'ancienneté ne s'applique.
brief-unknown-citation-key = Aucune source de la bibliothèque n'a la clé « { $key } ».
brief-deleted-source = La source « { $key } » a été supprimée de la bibliothèque.
brief-unknown-excerpt = La source « { $key } » n'a pas d'extrait commençant par « { $excerpt } ».
brief-unsourced-statement = Cette phrase énonce un fait sans citation, alors que la section « { $section } » exige des sources.
brief-single-source = Cette assertion repose sur une seule source ({ $key }).
brief-weak-sourcing = Cette assertion ne repose que sur des sources cotées E ou F ou sur des informations de crédibilité 5 ou 6.
brief-likelihood-with-confidence = La probabilité « { $likelihood } » et la confiance « { $confidence } » figurent dans la même phrase ; l'ICD 203 demande des phrases distinctes.
brief-judgment-unqualified = Ce jugement n'indique ni probabilité ni degré de confiance.
brief-judgment-qualifier-mismatch = Le jugement est marqué « { $marked } » mais son texte dit « { $written } ».
brief-unmarked-judgment = Cette phrase emploie un terme estimatif (« { $term } ») sans être marquée comme jugement.
brief-stale-source = { $as-of ->
    [today] La source « { $key } » date de { $issued }, il y a { $days } jours, au-delà de la limite de { $limit } jours fixée par le modèle.
   *[other] La source « { $key } » date de { $issued }, { $days } jours avant la date de cette note définitive ({ $as-of }), au-delà de la limite de { $limit } jours fixée par le modèle.
}

## Synthèse
brief-stats-claims = { $count ->
    [one] { $count } assertion
   *[other] { $count } assertions
}
