# المزامنة مع الفريق عبر مجلد مشترك: عنصر التحكم في شريط الأدوات، ونافذة المجلد المشترك،
# ولوحة التعارضات (ui/src/sync/). وكذلك رموز أخطاء المزامنة وعنوان نافذة اختيار المجلد.

## شريط الأدوات

sync-button = مزامنة
sync-button-hint = زامِن المكتبة مع المجلد المشترك للفريق
sync-settings = المجلد المشترك…
sync-region-label = المزامنة مع الفريق
sync-conflicts-button = { $count ->
    [zero] لا تعارض
    [one] تعارض واحد
    [two] تعارضان
    [few] { $count } تعارضات
    [many] { $count } تعارضًا
   *[other] { $count } تعارض
}
sync-state-unknown = حالة المزامنة غير متاحة
sync-state-off = المزامنة غير مُعدّة
sync-state-never = لم تتم المزامنة بعد
sync-state-running = جارٍ المزامنة…
sync-state-ok = آخر مزامنة: { $when }
sync-state-error = فشلت المزامنة
sync-done = تمت المزامنة. التعديلات المستلمة: { $received }، والمرسلة: { $sent }.
sync-forgotten = توقفت المزامنة. تُرك المجلد المشترك على حاله.

## نافذة المجلد المشترك

sync-dialog-title = المزامنة مع الفريق
sync-intro = يشارك ميزان المصادر والمقتطفات والتقييمات والوسوم مع فريقك عبر مجلد يصل إليه الجميع: مجلد شبكي أو Syncthing أو Nextcloud أو ذاكرة USB. أما المذكرات وسجلّها فتبقى على هذا الحاسوب.
sync-folder-label = المجلد المشترك
sync-folder-none = لم يُختر مجلد مشترك بعد.
sync-choose-folder = اختر المجلد…
sync-change-folder = غيّر المجلد…
sync-forget-folder = أوقف المزامنة
sync-periodic-note = ما دام المجلد محددًا، يزامن ميزان عند بدء التشغيل ثم كل خمس دقائق.
sync-last-label = آخر مزامنة
sync-report-when = انتهت في { $when }
sync-summary-sent = التعديلات المُرسلة: { $count }
sync-summary-received = التعديلات المُستلمة: { $count }
sync-summary-applied = التعديلات المطبّقة هنا: { $count }
sync-summary-conflicts = تعارضات جديدة: { $count }
sync-summary-waiting = حواسيب لم تصل تعديلاتها التالية إلى المجلد بعد: { $count }
sync-refused-title = ملفات مرفوضة
sync-refused-hint = هذه الملفات الآتية من حواسيب أخرى تالفة أو تخص مكتبة أخرى. تنتظر تعديلاتها اللاحقة حتى يزامن الحاسوب الذي كتبها من جديد.
sync-error-title = فشلت المزامنة الأخيرة.
sync-open-conflicts = { $count ->
    [0] التعارضات…
    [one] راجِع تعارضًا واحدًا…
    [two] راجِع التعارضين…
   *[other] راجِع التعارضات ({ $count })…
}
sync-now = زامِن الآن
sync-close = إغلاق

## لوحة التعارضات

sync-conflicts-title = تعارضات المزامنة
sync-conflicts-intro = إذا عُدّل الحقل نفسه على حاسوبين، احتُفظ بالتعديل الأحدث في كل مكان وسُجّلت القيمة الأخرى هنا. احتفظ بالقيمة الأخرى، أو تجاهل التعارض لإبقاء القيمة الحالية.
sync-conflicts-show-all = اعرض التعارضات المحسومة أيضًا
sync-conflicts-list-label = التعارضات
sync-conflicts-none = لا توجد تعارضات مفتوحة.
sync-conflicts-none-all = سجل التعارضات فارغ.
sync-conflict-kind-field = عُدّل على حاسوبين
sync-conflict-kind-delete = حُذف على حاسوب وعُدّل على آخر
sync-conflict-kind-key = مصدران بمفتاح الإحالة نفسه
sync-conflict-excerpt = مقتطف
sync-conflict-source-unknown = مصدر لم يعد في المكتبة
sync-conflict-field = الحقل: { $field }
sync-conflict-kept = القيمة الحالية
sync-conflict-lost = القيمة الأخرى
sync-conflict-device = الجهاز { $device }
sync-conflict-detected = سُجّل في { $when }
sync-value-empty = (فارغ)
sync-value-live = أُبقي عليه مع التعديل
sync-value-deleted = محذوف
sync-flip = احتفظ بالقيمة الأخرى
sync-flip-delete = احذفه رغم ذلك
sync-dismiss = تجاهل
sync-resolved-flipped = اعتُمدت القيمة الأخرى ({ $when })
sync-resolved-dismissed = تم التجاهل ({ $when })

## أسماء الحقول

sync-field-key = مفتاح الإحالة
sync-field-type = النوع
sync-field-title = العنوان
sync-field-container-title = منشور في
sync-field-authors = المؤلفون
sync-field-publisher = الناشر
sync-field-issued = التاريخ
sync-field-url = الرابط
sync-field-doi = DOI
sync-field-language = اللغة
sync-field-pages = الصفحات
sync-field-accessed = تاريخ الاطلاع
sync-field-notes = ملاحظات
sync-field-tags = الوسوم
sync-field-grade = الموثوقية
sync-field-deleted = الحذف
sync-field-created = الإنشاء
sync-field-modified = آخر تعديل
sync-field-source-id = مصدر المقتطف
sync-field-position = الموضع
sync-field-text = نص المقتطف
sync-field-locator = الموضع في المصدر

## الأخطاء (رموز ثابتة من الواجهة الخلفية)

ui-error-no-sync-folder = المزامنة غير مُعدّة
ui-error-sync-folder = تعذّر استخدام المجلد المشترك
ui-error-cannot-flip = تعذّرت استعادة القيمة الأخرى
