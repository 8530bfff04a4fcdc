# نوافذ الحوار الأصلية في التطبيق (العناوين، مرشحات الملفات، التأكيدات).

shell-open-brief = فتح مذكرة
shell-save-brief = حفظ المذكرة
shell-export-pdf = تصدير المذكرة بصيغة PDF
shell-import-sources = استيراد مصادر
shell-export-sources = تصدير مصادر
shell-sync-folder = اختيار المجلد المشترك للفريق
shell-filter-briefs = مذكرات (Markdown)
shell-filter-pdf = مستندات PDF
shell-filter-sources = ملفات المصادر (CSL-JSON وBibTeX وRIS)
shell-filter-csl-json = CSL-JSON
shell-filter-bibtex = BibTeX
shell-filter-ris = RIS
shell-open-url-title = فتح رابط
shell-open-url = هل تريد فتح { $url } في متصفح الويب؟
