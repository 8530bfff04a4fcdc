# رسائل تخص الموجزات: ما يبلّغ عنه المحلّل وتدقيق المصادر.
# كل معرّف هو `brief-` متبوعاً بالرمز الثابت للملاحظة.

## قراءة الملف
brief-invalid-utf8 = الملف ليس بترميز UTF-8 سليم (أول بايت غير صالح في السطر { $line }، العمود { $column })، وقد استُبدلت البايتات غير الصالحة بالرمز �.
brief-input-too-large = حجم الموجز كبير على نحو غير معتاد ({ $size } ميغابايت)؛ قُرئ كاملاً، لكن تحقّق من أنه الملف المقصود.
brief-nesting-too-deep = توجد قوائم أو اقتباسات متداخلة لأكثر من { $depth } مستوى؛ حُفظ ما هو أعمق في فقرات عادية.
brief-front-matter-missing = لا يحتوي الموجز على ترويسة (الكتلة الواقعة بين سطرين --- في أعلى الملف)؛ لغته وعنوانه غير معروفين.
brief-front-matter-unclosed = الترويسة التي تبدأ بـ --- لا تُغلق بسطر ---؛ فقُرئت نصاً عادياً.
brief-front-matter-invalid = الترويسة ليست YAML صالحاً: { $detail }
brief-front-matter-unknown-field = حقل غير معروف في الترويسة: "{ $field }"؛ أُبقي عليه كما هو.
brief-front-matter-bad-value = قيمة الحقل "{ $field }" في الترويسة هي "{ $value }"، والمتوقع: { $expected }.
brief-front-matter-missing-field = ينقص الترويسةَ الحقلُ "{ $field }".

## الإحالات وعلامات العبارات
brief-citation-unclosed = تبدأ هذه الإحالة بالقوس "[" ولا تُغلق بالقوس "]".
brief-citation-bad-key = "{ $key }" ليس مفتاح إحالة صالحاً.
brief-citation-bad-credibility = "{ $value }" ليست درجة مصداقية للمعلومة (المتوقع رقم من 1 إلى 6).
brief-marker-unknown-qualifier = "{ $value }" ليس درجة احتمال وفق ICD 203 ولا مستوى ثقة.
brief-marker-duplicate-qualifier = "{ $value }" يكرر احتمالاً أو مستوى ثقة سبق ذكره لهذه العبارة.

## تدقيق المصادر
brief-unknown-template = قالب غير معروف: "{ $template }"؛ لا يشترط أي قسم ذكر المصادر ولا يُطبق حد لقِدم المصادر.
brief-unknown-citation-key = لا يوجد في المكتبة مصدر مفتاحه "{ $key }".
brief-deleted-source = حُذف المصدر "{ $key }" من المكتبة.
brief-unknown-excerpt = لا يحتوي المصدر "{ $key }" على مقتطف يبدأ بـ "{ $excerpt }".
brief-unsourced-statement = تذكر هذه الجملة واقعة دون إحالة إلى مصدر، والقسم "{ $section }" يشترط ذكر المصادر.
brief-single-source = تستند هذه العبارة إلى مصدر واحد فقط ({ $key }).
brief-weak-sourcing = لا تستند هذه العبارة إلا إلى مصادر مصنّفة E أو F أو إلى معلومات مصداقيتها 5 أو 6.
brief-likelihood-with-confidence = ورد الاحتمال "{ $likelihood }" ومستوى الثقة "{ $confidence }" في الجملة نفسها، والتوجيه ICD 203 يقتضي فصلهما في جملتين.
brief-judgment-unqualified = لا يذكر هذا التقدير درجة احتمال ولا مستوى ثقة.
brief-judgment-qualifier-mismatch = وُسم التقدير بـ "{ $marked }" لكن نصه يقول "{ $written }".
brief-unmarked-judgment = تستعمل هذه الجملة لغة تقديرية ("{ $term }") دون أن توسم بوصفها تقديراً.
brief-stale-source = { $as-of ->
    [today] يعود المصدر "{ $key }" إلى { $issued }، أي قبل { $days } يوماً، وهذا يتجاوز الحد الذي يحدده القالب ({ $limit } يوماً).
   *[other] يعود المصدر "{ $key }" إلى { $issued }، أي قبل { $days } يوماً من تاريخ هذا التقرير النهائي ({ $as-of })، وهذا يتجاوز الحد الذي يحدده القالب ({ $limit } يوماً).
}

## الخلاصة
brief-stats-claims = { $count ->
    [zero] لا عبارات
    [one] عبارة واحدة
    [two] عبارتان
    [few] { $count } عبارات
    [many] { $count } عبارة
   *[other] { $count } عبارة
}
