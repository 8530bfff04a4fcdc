# واجهة التطبيق (المساعد A: الإطار والمحرر والمعاينة والتقارير).
# يبدأ كل معرّف بـ `ui-`؛ والمعرّفات نفسها موجودة في fr/ وen/.

ui-app-title = ميزان
ui-window-title = { $title } — ميزان
ui-window-title-dirty = • { $title } — ميزان
ui-skip-to-editor = الانتقال إلى المحرر
ui-untitled = تقرير بلا عنوان
ui-not-saved-yet = لم يُحفظ بعد
ui-dirty = تعديلات غير محفوظة
ui-loading = جارٍ التحميل…
ui-close = إغلاق
ui-cancel = إلغاء
ui-fatal-title = تعذّر تشغيل ميزان
ui-fatal-text = تعذّر على التطبيق قراءة حالته. أعد تشغيله، وإن تكرر ذلك فأبلغ عن الرسالة أدناه.

## شريط الأدوات
ui-toolbar-label = أوامر التقرير
ui-action-new = جديد
ui-action-open = فتح
ui-action-recent = الأخيرة
ui-action-save = حفظ
ui-action-save-as = حفظ باسم
ui-action-history = السجل
ui-action-cite = ربط بمصدر
ui-action-judgment = تقدير
ui-action-assumption = افتراض
ui-action-direction = الاتجاه
ui-action-export = تصدير PDF
ui-action-new-hint = تقرير جديد من قالب
ui-action-open-hint = فتح تقرير (‎.md)
ui-action-recent-hint = التقارير الأخيرة والنماذج
ui-action-save-hint = حفظ التقرير
ui-action-save-as-hint = حفظ التقرير باسم آخر
ui-action-history-hint = المراجعات المحفوظة لهذا التقرير
ui-action-cite-hint = ربط النص المحدد بمصدر
ui-action-judgment-hint = وسم الفقرة بأنها تقدير
ui-action-assumption-hint = وسم الفقرة بأنها افتراض
ui-action-direction-hint = تبديل اتجاه الفقرة بين اليمين إلى اليسار واليسار إلى اليمين
ui-action-export-hint = تصدير التقرير بصيغة PDF
ui-tooltip-shortcut = { $label } ({ $keys })
ui-lang-label = لغة الواجهة
ui-lang-self-ar = العربية
ui-lang-self-fr = Français
ui-lang-self-en = English
ui-lang-ar = العربية
ui-lang-fr = الفرنسية
ui-lang-en = الإنجليزية

## الترحيب والاسترجاع
ui-welcome-label = ترحيب
ui-welcome-text = مرحباً بك في ميزان. يبيّن هذا التقرير النموذجي كيف تُكتب الوقائع الموثقة بمصادرها والتقديرات والافتراضات، وتتابع المعاينة والتدقيق ما تكتبه أولاً بأول.
ui-welcome-dismiss = إخفاء
ui-sample-open = فتح النموذج باللغة { $lang }
ui-samples-heading = تقارير نموذجية
ui-recovery-label = تقارير مسترجعة
ui-recovery-intro = { $count ->
    [one] لم يُحفظ تقرير عند آخر إغلاق لميزان. استرجعه أو تجاهله.
    [two] لم يُحفظ تقريران عند آخر إغلاق لميزان. استرجع كلاً منهما أو تجاهله.
    [few] لم تُحفظ { $count } تقارير عند آخر إغلاق لميزان. استرجع كلاً منها أو تجاهله.
   *[other] لم يُحفظ { $count } تقريراً عند آخر إغلاق لميزان. استرجع كلاً منها أو تجاهله.
}
ui-recovery-restore = استرجاع
ui-recovery-discard = تجاهل
ui-recovery-saved-at = حُفظ تلقائياً في { $when }

## مساحة العمل
ui-tabs-label = طرق العرض
ui-tab-brief = التقرير
ui-tab-sources = المصادر
ui-editor-label = نص التقرير
ui-editor-placeholder = اكتب التقرير بصيغة Markdown. اكتب ‎[@‎ للاستشهاد بمصدر.
ui-splitter-label = تغيير حجم المحرر والمعاينة
ui-splitter-hint = اسحب أو استخدم مفاتيح الأسهم لتغيير الحجم
ui-preview-label = المعاينة
ui-preview-failed = تعذّر إنتاج المعاينة: { $reason }
ui-preview-link-title = فتح { $url } في المتصفح
ui-legend-label = أنواع الادعاءات
ui-legend-fact = واقعة موثقة
ui-legend-judgment = تقدير
ui-legend-assumption = افتراض
ui-dirmark-rtl = علامة الاتجاه من اليمين إلى اليسار
ui-dirmark-ltr = علامة الاتجاه من اليسار إلى اليمين
ui-source-card-label = المصدر { $key }
ui-cite-grade = الموثوقية { $grade }
ui-cite-unknown-key = لا يوجد في المكتبة مصدر بالمفتاح «{ $key }».
ui-cite-load-failed = تعذّر تحميل المصدر.

## التدقيق
ui-audit-label = تدقيق المصادر
ui-audit-title = التدقيق
ui-audit-counts = { $errors ->
    [zero] لا أخطاء
    [one] خطأ واحد
    [two] خطآن
    [few] { $errors } أخطاء
   *[other] { $errors } خطأ
}، { $warnings ->
    [zero] لا تنبيهات
    [one] تنبيه واحد
    [two] تنبيهان
    [few] { $warnings } تنبيهات
   *[other] { $warnings } تنبيه
}، { $notes ->
    [zero] لا ملاحظات
    [one] ملاحظة واحدة
    [two] ملاحظتان
    [few] { $notes } ملاحظات
   *[other] { $notes } ملاحظة
}
ui-audit-empty = لم تُرصد أي مشكلة.
ui-audit-jump = عرض في المحرر
ui-audit-line = السطر { $line }
ui-stats-claims = { $count ->
    [zero] لا ادعاءات
    [one] ادعاء واحد
    [two] ادعاءان
    [few] { $count } ادعاءات
   *[other] { $count } ادعاءً
} ({ $facts } وقائع، { $judgments } تقديرات، { $assumptions } افتراضات)
ui-stats-sourced = { $percent }٪ من العبارات موثقة بمصادر ({ $sourced }/{ $statements })
ui-stats-no-statements = لا عبارات وقائعية بعد
ui-stats-sources = { $count ->
    [zero] لا مصادر مستشهد بها
    [one] مصدر واحد مستشهد به
    [two] مصدران مستشهد بهما
    [few] { $count } مصادر مستشهد بها
   *[other] { $count } مصدراً مستشهداً به
}

## التقارير
ui-unsaved-title = تعديلات غير محفوظة
ui-unsaved-text = في التقرير تعديلات لم تُحفظ. هل تريد حفظها أولاً؟
ui-unsaved-discard = تجاهل التعديلات
ui-new-title = تقرير جديد
ui-new-template = القالب
ui-new-lang = لغة التقرير
ui-new-create = إنشاء
ui-new-failed = تعذّر إنشاء التقرير: { $reason }
ui-template-assessment = تقدير موقف
ui-template-sitrep = تقرير حالة
ui-template-note = مذكرة
ui-recent-title = التقارير الأخيرة
ui-recent-heading = فُتحت مؤخراً
ui-recent-empty = لم يُفتح أي تقرير بعد.
ui-history-title = سجل المراجعات
ui-history-list-label = المراجعات المحفوظة
ui-history-no-id = لا سجل لهذا التقرير بعد: تُحفظ مراجعاته بدءاً من أول حفظ له.
ui-history-none = لم تُحفظ أي مراجعة بعد.
ui-history-revision = المراجعة { $number }
ui-history-restore = استرجاع هذه المراجعة
ui-history-diff-failed = تعذّرت المقارنة.
ui-diff-identical = هذه المراجعة مطابقة للنص الحالي.
ui-diff-changes = { $count ->
    [one] يختلف سطر واحد عن النص الحالي.
    [two] يختلف سطران عن النص الحالي.
    [few] تختلف { $count } أسطر عن النص الحالي.
   *[other] يختلف { $count } سطراً عن النص الحالي.
}
ui-diff-inserted = أُضيف:
ui-diff-deleted = حُذف:

## التصدير
ui-export-title = التصدير بصيغة PDF
ui-export-style = النمط
ui-export-paper = الورق
ui-paper-a4 = A4
ui-paper-letter = Letter الأمريكي
ui-style-default = قياسي (حواشٍ سفلية)
ui-style-endnotes = حواشٍ ختامية
ui-export-draft = مسودة (يُشار إلى ذلك في كل صفحة)
ui-export-has-errors = { $count ->
    [one] يرصد التدقيق خطأً واحداً: لا يصدر PDF نهائي قبل تصحيحه، لذا حُدِّد خيار «مسودة».
   *[other] يرصد التدقيق أخطاءً عددها { $count }: لا يصدر PDF نهائي قبل تصحيحها، لذا حُدِّد خيار «مسودة».
}
ui-export-confirm = تصدير
ui-export-stage-start = جارٍ البدء…
ui-export-stage-analyse = جارٍ فحص التقرير…
ui-export-stage-compose = جارٍ إخراج الصفحات…
ui-export-stage-write = جارٍ كتابة ملف PDF…
ui-export-stage-done = تم.
ui-export-cancelled = أُلغي التصدير.
ui-export-done = عدد الصفحات: { $pages }، الحجم: { $kb } ك.ب. يُفتح الملف في برنامج العرض.
ui-export-warnings = { $count ->
    [one] تنبيه واحد:
    [two] تنبيهان:
   *[other] التنبيهات ({ $count }):
}
ui-export-audit-errors = لا يمكن إصدار PDF نهائي ما دام التدقيق يرصد أخطاء. صحّحها (انظر لوحة التدقيق)، أو حدّد خيار «مسودة» وصدّر من جديد.
ui-export-failed = تعذّر إنتاج ملف PDF.

## سطر الحالة
ui-status-saved = حُفظ في { $path }
ui-status-opened = فُتح { $path }
ui-status-new = أُنشئ تقرير جديد.
ui-status-recovered = استُرجع النص المحفوظ تلقائياً، ولم يُحفظ في الملف بعد.
ui-status-restored = استُرجعت المراجعة في المحرر؛ احفظ التقرير للإبقاء عليها.
ui-status-exported = كُتب ملف PDF في { $path }
ui-status-direction-none = لا فقرة هنا لتغيير اتجاهها.
ui-error-with-detail = { $error }: { $detail }
ui-error-not-found = غير موجود
ui-error-key-taken = المفتاح مستخدم من قبل
ui-error-duplicate = تكرار
ui-error-invalid-input = مدخلات غير صالحة
ui-error-io = خطأ في الملف
ui-error-library = خطأ في المكتبة
ui-error-newer-schema = مكتبة أنشأها إصدار أحدث من ميزان
ui-error-not-a-library = ليست مكتبة ميزان
ui-error-audit-errors = يرصد التدقيق أخطاء
ui-error-export-failed = فشل التصدير
ui-error-not-permitted = عملية غير مسموح بها
ui-error-internal = خطأ داخلي

## مفردات CodeMirror
ui-cm-find = بحث
ui-cm-replace = استبدال
ui-cm-next = التالي
ui-cm-previous = السابق
ui-cm-all = الكل
ui-cm-match-case = مطابقة حالة الأحرف
ui-cm-by-word = كلمة كاملة
ui-cm-regexp = تعبير نمطي
ui-cm-replace-one = استبدال
ui-cm-replace-all = استبدال الكل
ui-cm-close = إغلاق
ui-cm-current-match = النتيجة الحالية
ui-cm-replaced-matches = استُبدلت $ نتيجة
ui-cm-replaced-on-line = استُبدلت النتيجة في السطر $
ui-cm-on-line = في السطر
ui-cm-go-to-line = الانتقال إلى السطر
ui-cm-go = انتقال
ui-cm-diagnostics = التشخيصات
ui-cm-no-diagnostics = لا تشخيصات
ui-cm-completions = الاقتراحات
ui-cm-control-character = محرف تحكم
ui-cm-selection-deleted = حُذف التحديد
ui-cm-folded-code = نص مطوي
ui-cm-unfold = فك الطي
ui-cm-to = إلى
ui-cm-folded-lines = أسطر مطوية
ui-cm-unfolded-lines = أسطر مفكوكة الطي
ui-cm-fold-line = طي السطر
ui-cm-unfold-line = فك طي السطر
