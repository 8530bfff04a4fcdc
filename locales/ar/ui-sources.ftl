# لوحة المصادر، وبطاقة المصدر، ونافذة «ربط بمصدر»، واختيار وسوم التقدير (واجهة سطح
# المكتب). تبدأ المعرّفات بـ `src-`.

## إجراءات عامة
src-cancel = إلغاء
src-close = إغلاق
src-save = حفظ
src-insert = إدراج

## أنواع المصادر
src-type-article = مقال في دورية
src-type-news-article = مقال صحفي
src-type-report = تقرير
src-type-web-page = صفحة ويب
src-type-dataset = مجموعة بيانات
src-type-book = كتاب
src-type-chapter = فصل من كتاب
src-type-official-statement = بيان رسمي
src-type-interview = مقابلة
src-type-social-media-post = منشور على شبكة اجتماعية
src-type-thesis = أطروحة
src-type-legal = نص قانوني
src-type-broadcast = بث إذاعي أو مرئي
src-type-other = غير ذلك

## حقول المصدر
src-field-key = مفتاح الإحالة
src-field-kind = النوع
src-field-title = العنوان
src-field-authors = المؤلفون
src-field-issued = التاريخ
src-field-language = اللغة
src-field-container-title = منشور في
src-field-publisher = الناشر
src-field-pages = الصفحات
src-field-url = العنوان الإلكتروني
src-field-doi = المعرّف الرقمي DOI
src-field-accessed = تاريخ الاطلاع
src-field-grade = الموثوقية
src-field-tags = الوسوم
src-field-notes = ملاحظات
src-field-excerpts = المقتطفات

src-hint-key = اتركه فارغاً ليُنشأ من المؤلف والسنة والعنوان. حروف وأرقام و : . # $ % & - + ? < > ~ / _
src-hint-authors = مؤلف في كل سطر: «العائلة، الاسم» للشخص، أو الاسم كما هو للهيئة. ضع بين معقوفين الاسم الذي يحوي فاصلة: {"{"}الاسم، الوحدة{"}"}.
src-hint-date = سنة، أو سنة وشهر، أو تاريخ كامل: 2025 أو 2025-11 أو 2025-11-20.
src-hint-language = رمز لغة مثل ar أو fr أو en-GB.
src-hint-tags = تفصل بينها فواصل.

## سلّم الأميرالية
src-grade-reliability = الموثوقية { $grade }
src-grade-option = { $grade } — { $meaning }
src-grade-none = لم تُقدَّر الموثوقية
src-grade-none-short = ؟
src-grade-unset = دون تقدير
src-grade-title = الموثوقية (سلّم الأميرالية)
src-grade-choose = التقدير الجديد
src-grade-apply = تقدير
src-graded-by = قدّرها { $who } بالدرجة { $grade } في { $when }
src-credibility-none = غير محددة
src-credibility-option = { $value } — { $meaning }

## بطاقة المصدر
src-card-excerpts = { $count ->
    [0] لا مقتطفات
    [one] مقتطف واحد
    [two] مقتطفان
    [few] { $count } مقتطفات
   *[other] { $count } مقتطفاً
}

## لوحة المصادر
src-search-label = البحث في المكتبة
src-search-placeholder = العنوان، المؤلف، الوسم، كلمات من مقتطف…
src-toolbar-label = إجراءات المكتبة
src-add = إضافة مصدر
src-import = استيراد…
src-export = تصدير…
src-filters-label = عوامل التصفية
src-filter-kind = النوع
src-filter-any = كل الأنواع
src-filter-language = اللغة
src-filter-language-placeholder = ar
src-filter-grade = الموثوقية
src-filter-years = السنوات
src-filter-years-placeholder = 2020..2025
src-hint-years = 2020..2025 أو 2023.. أو ..2020
src-filter-tag = الوسم
src-filter-reset = مسح عوامل التصفية
src-results-title = المصادر الموجودة
src-status-count = { $count ->
    [one] مصدر واحد
    [two] مصدران
    [few] { $count } مصادر
   *[other] { $count } مصدراً
}
src-status-limit = أول { $count } مصدر؛ دقّق البحث لرؤية البقية.
src-status-none = لا يوجد مصدر مطابق.
src-status-error = تعذّر البحث:
src-error-years = «{ $value }» ليست فترة من السنوات؛ اكتب 2020..2025 أو 2023.. أو ..2020.

## تفاصيل المصدر
src-detail-label = تفاصيل المصدر
src-detail-empty = اختر مصدراً لعرض تفاصيله.
src-detail-actions = إجراءات على هذا المصدر
src-cite = الإحالة إليه في الموجز
src-edit = تعديل
src-open-url = فتح العنوان الإلكتروني
src-delete = حذف…
src-created = أضافه { $who } في { $when }.
src-modified = آخر تعديل من { $who } في { $when }.
src-excerpts-title = { $count ->
    [0] المقتطفات
   *[other] المقتطفات ({ $count })
}
src-excerpt-text = مقتطف جديد
src-excerpt-locator = موضعه في المصدر
src-hint-excerpt-locator = مثلاً: ص. 12 أو الفقرة 3.
src-excerpt-add = إضافة المقتطف
src-error-excerpt-empty = اكتب المقطع المراد حفظه.
src-cited-by-title = { $count ->
    [0] لا تحيل إليه أي عبارة
    [one] تحيل إليه عبارة واحدة
    [two] تحيل إليه عبارتان
    [few] تحيل إليه { $count } عبارات
   *[other] تحيل إليه { $count } عبارة
}
src-cited-by-none = لا يحيل أي موجز إلى هذا المصدر بعد.
src-claim-kind-fact = واقعة
src-claim-kind-judgment = تقدير
src-claim-kind-assumption = افتراض
src-claim-kind-other = عبارة
src-claim-line = السطر { $line }
src-claim-credibility = المصداقية { $value } ({ $meaning })
src-error-gone = لم يعد هذا المصدر في المكتبة.

## نموذج الإضافة والتعديل
src-form-title-add = إضافة مصدر
src-form-title-edit = تعديل { $key }
src-error-title-required = لا بد للمصدر من عنوان.
src-error-key-empty = لا يمكن أن يكون المفتاح فارغاً.
src-error-key-long = يتجاوز المفتاح 200 حرف.
src-error-key-chars = يبدأ المفتاح بحرف أو رقم أو _ ولا يحوي إلا الحروف والأرقام و : . # $ % & - + ? < > ~ / _
src-error-key-taken = المفتاح «{ $key }» مستعمل لمصدر آخر.
src-error-duplicate = يبدو أن هذا المصدر موجود في المكتبة: { $detail }
src-error-date = «{ $value }» ليس تاريخاً؛ اكتب 2025 أو 2025-11 أو 2025-11-20.
src-error-author-line = تعذّرت قراءة السطر { $line } من المؤلفين: اكتب «العائلة، الاسم»، أو الاسم بين معقوفين إن كان يحوي فاصلة.
src-error-language = «{ $value }» ليس رمز لغة (ar أو fr أو en-GB…).
src-error-grade = يجب أن تكون الدرجة حرفاً من A إلى F.
src-error-unexpected = حدث خطأ، ولم يُحفظ المصدر.

## الحذف
src-delete-title = حذف هذا المصدر؟
src-delete-question = هل تريد حذف «{ $title }» ({ $key }) من المكتبة؟
src-delete-cited = { $briefs ->
    [one] تحيل إليه { $claims } عبارة في هذا الموجز:
   *[other] تحيل إليه { $claims } عبارة في هذه الموجزات ({ $briefs }):
}
src-delete-claims = { $count ->
    [one] عبارة واحدة
    [two] عبارتان
    [few] { $count } عبارات
   *[other] { $count } عبارة
}
src-delete-cited-after = ستُعرض هذه الإحالات على أنها تشير إلى مصدر محذوف إلى أن تُعدَّل.
src-delete-uncited = لا يحيل إليه أي موجز.
src-delete-confirm = حذف
src-deleted = حُذف «{ $title }».

## الاستيراد
src-import-title = استيراد مصادر
src-import-intro = اختر ما يُفعل بالمصادر الموجودة في المكتبة، ثم اختر الملف (CSL-JSON أو BibTeX أو RIS).
src-import-policy = المصادر الموجودة من قبل
src-import-policy-skip = تجاهلها
src-import-policy-merge = دمجها
src-import-policy-keep-both = الإبقاء على النسختين
src-import-policy-hint-skip = يبقى المصدر الموجود كما هو، ويُذكر المكرر في التقرير.
src-import-policy-hint-merge = تُملأ الحقول الفارغة في المصدر الموجود، وتُضاف الوسوم والمقتطفات الجديدة.
src-import-policy-hint-keep-both = يُضاف المصدر المستورد نسخةً مستقلة.
src-import-start = اختيار الملف والاستيراد
src-import-progress = تقدّم الاستيراد
src-import-progress-count = { $done } من { $total } مدخلاً
src-import-done = انتهى الاستيراد
src-import-count-read = المدخلات المقروءة
src-import-count-added = أضيفت
src-import-count-skipped = تُجوهلت
src-import-count-merged = دُمجت
src-import-count-renamed = غُيّر مفتاحها (المفتاح مستعمل)
src-import-no-duplicates = لم يُعثر على مصادر مكررة.
src-import-duplicates = { $count ->
    [one] مصدر مكرر واحد
    [two] مصدران مكرران
    [few] { $count } مصادر مكررة
   *[other] { $count } مصدراً مكرراً
}
src-import-col-incoming = المستورد
src-import-col-existing = الموجود في المكتبة
src-import-col-reason = السبب
src-import-col-outcome = النتيجة
src-import-outcome-skipped = تُجوهل
src-import-outcome-merged = دُمج
src-import-outcome-kept-both = أُبقي على النسختين

## التصدير
src-export-title = تصدير المصادر
src-export-format = الصيغة
src-export-format-csl-json = CSL-JSON (Zotero)
src-export-format-bibtex = BibTeX
src-export-format-ris = RIS
src-export-scope = أي المصادر
src-export-scope-all = المكتبة كلها
src-export-scope-listed = { $count ->
    [one] المصدر المعروض
   *[other] المصادر المعروضة ({ $count })
}
src-export-start = اختيار المكان والتصدير
src-export-done = صُدّرت إلى

## الربط بمصدر
src-link-title = ربط بمصدر
src-link-find = البحث عن المصدر
src-link-new-source = مصدر جديد…
src-link-new-title = مصدر جديد
src-link-create = إنشاء المصدر
src-link-chosen = المصدر المحال إليه
src-link-none-chosen = لم يُختر أي مصدر بعد.
src-link-error-no-source = اختر مصدراً أولاً (أو أنشئ مصدراً).
src-link-locator-kind = الموضع
src-link-locator-value = القيمة
src-locator-none = بلا موضع
src-locator-option = { $name } ({ $label })
src-locator-page = الصفحة
src-locator-chapter = الفصل
src-locator-section = القسم
src-locator-paragraph = الفقرة
src-locator-volume = الجزء
src-locator-article = المادة
src-locator-figure = الشكل
src-locator-line = السطر
src-locator-note = الهامش
src-locator-column = العمود
src-error-locator-empty = اذكر الصفحة أو القسم أو الفقرة، أو اختر «بلا موضع».
src-error-locator-separator = لا يجوز أن يحوي الموضع فاصلة أو فاصلة منقوطة (فهما تفصلان أجزاء الإحالة).
src-error-locator-quote = لا يجوز أن يحوي الموضع علامات تنصيص (فهي تدل على مقتطف).
src-link-excerpt = المقتطف الذي يسند المقطع
src-link-excerpt-none = بلا مقتطف
src-link-excerpt-existing = مقتطف من المصدر
src-link-excerpt-choose = المقتطف
src-link-excerpt-selection = اقتباس النص المحدد مقتطفاً جديداً
src-link-error-no-excerpt = اختر أحد مقتطفات المصدر.
src-link-credibility = مصداقية المعلومة
src-hint-credibility = على سلّم الأميرالية، وتُقدَّر لهذه المعلومة بعينها (أما موثوقية المصدر فتُقدَّر في المكتبة).
src-link-preview = الإحالة:

## وسوم التقدير والافتراض
src-jm-title-judgment = وسم تقدير
src-jm-title-assumption = وسم افتراض
src-jm-label = العنوان
src-jm-likelihood = الاحتمال (ICD 203)
src-jm-confidence = الثقة
src-jm-none = غير محدد
src-jm-range = { $from }–{ $to }٪
src-jm-icd203 = اذكر الاحتمال والثقة هنا؛ أما في النص فلا تجمعهما في جملة واحدة.
src-jm-preview = الوسم:
