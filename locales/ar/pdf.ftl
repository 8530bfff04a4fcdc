# النصوص المطبوعة في ملفات PDF للموجزات: ترقيم الصفحات، وملحق المصادر، والهوامش، والتواريخ.
# مصطلحات الاحتمال والثقة ودرجات سلّم الأميرالية مأخوذة من common.ftl.

## ترقيم الصفحات والعلامات
pdf-page = الصفحة { $number } من { $total }
pdf-draft-watermark = DRAFT / مسودة / BROUILLON
pdf-subject-default = موجز تحليلي
pdf-authors-separator = ،{" "}

## التواريخ: "18 نوفمبر 2025"
pdf-date-day = { $day } { $month } { $year }
pdf-date-month = { $month } { $year }
pdf-month-1 = يناير
pdf-month-2 = فبراير
pdf-month-3 = مارس
pdf-month-4 = أبريل
pdf-month-5 = مايو
pdf-month-6 = يونيو
pdf-month-7 = يوليو
pdf-month-8 = أغسطس
pdf-month-9 = سبتمبر
pdf-month-10 = أكتوبر
pdf-month-11 = نوفمبر
pdf-month-12 = ديسمبر

## التقديرات والافتراضات: العنوان المرافق للفقرة
pdf-likelihood = { $term } ({ $range })

## الهوامش
pdf-notes-title = الهوامش
pdf-note-credibility = مصداقية المعلومة: { $grade } ({ $meaning })
pdf-note-excerpt = مقتطف: «{ $text }»
pdf-note-unknown-source = المصدر «{ $key }» غير موجود في المكتبة

## ملحق المصادر
pdf-annex-title = ملحق: المصادر المستشهد بها
pdf-annex-intro = موثوقية المصادر وفق سلّم الأميرالية (من A إلى F)، وترد مصداقية كل معلومة (من 1 إلى 6) في الهوامش.
pdf-annex-type = النوع: { $type }
pdf-annex-reliability = الموثوقية: { $grade } ({ $meaning })
pdf-annex-ungraded = الموثوقية: غير مصنفة
pdf-annex-information-date = تاريخ المعلومة: { $date }
pdf-annex-accessed = تاريخ الاطلاع { $date }
pdf-annex-access = الوصول: { $access }
pdf-annex-notes = الهوامش: { $notes }
pdf-annex-missing = لا يوجد في المكتبة مصدر بهذا المفتاح.

## أنواع المصادر
pdf-source-type-article = مقال
pdf-source-type-news-article = مقال صحفي
pdf-source-type-report = تقرير
pdf-source-type-web-page = صفحة ويب
pdf-source-type-dataset = مجموعة بيانات
pdf-source-type-book = كتاب
pdf-source-type-chapter = فصل من كتاب
pdf-source-type-official-statement = بيان رسمي
pdf-source-type-interview = مقابلة
pdf-source-type-social-media-post = منشور على شبكة اجتماعية
pdf-source-type-thesis = أطروحة
pdf-source-type-legal = نص قانوني
pdf-source-type-broadcast = بث إذاعي أو تلفزيوني
pdf-source-type-other = أخرى
