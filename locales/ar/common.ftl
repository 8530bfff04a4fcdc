# مفردات مشتركة في التطبيق كله: اللغات، ودرجات الخطورة، وسلّم الأميرالية، ولغة
# التقدير في التوجيه ICD 203. هذه هي المصطلحات المعتمدة في المشروع، ومنها يقرأ محلّل
# الموجزات مصطلحات الاحتمال والثقة والعناوين. تذكر `.accept` صيغاً أخرى مقبولة
# تفصل بينها "|".

## اللغات
lang-ar = العربية
lang-fr = الفرنسية
lang-en = الإنجليزية

## درجة خطورة الملاحظة
severity-error = خطأ
severity-warning = تنبيه
severity-info = ملاحظة

## أنواع العبارات في الموجز
claim-fact = واقعة
claim-judgment = تقدير
claim-assumption = افتراض

## عناوين تفتتح فقرة التقدير أو الافتراض: **تقدير** (مرجح): …
label-judgment = تقدير
    .accept = حكم | تقييم | تقدير رئيسي
label-assumption = افتراض
    .accept = فرضية | افتراض أساسي

## سلّم الاحتمال في التوجيه ICD 203
likelihood-almost-no-chance = شبه مستحيل
    .range = 01–05٪
    .accept = احتمال شبه معدوم | يكاد يكون مستحيلاً
likelihood-very-unlikely = مستبعد جداً
    .range = 05–20٪
    .accept = مستبعد للغاية | غير مرجح إطلاقاً | بعيد الاحتمال جداً
likelihood-unlikely = غير مرجح
    .range = 20–45٪
    .accept = مستبعد | بعيد الاحتمال
likelihood-roughly-even-chance = احتمال متكافئ
    .range = 45–55٪
    .accept = احتمالات متكافئة | متساوي الاحتمال | احتمال متساو
likelihood-likely = مرجح
    .range = 55–80٪
    .accept = يرجح | محتمل
likelihood-very-likely = مرجح جداً
    .range = 80–95٪
    .accept = مرجح للغاية | مرجح بقوة
likelihood-almost-certain = شبه مؤكد
    .range = 95–99٪
    .accept = يكاد يكون مؤكداً | مؤكد تقريباً

## درجة الثقة، وتُذكر بمعزل عن الاحتمال. تذكر `.level` الكلمات التي تحدد مستوى
## الثقة إذا وردت مع كلمة "الثقة" في الجملة نفسها.
confidence-noun = ثقة
    .accept = ثقتنا | واثقون
confidence-low = ثقة منخفضة
    .level = منخفضة | متدنية | ضعيفة
    .accept = ثقة ضعيفة
confidence-moderate = ثقة متوسطة
    .level = متوسطة | معتدلة
    .accept = ثقة معتدلة
confidence-high = ثقة عالية
    .level = عالية | مرتفعة | كبيرة
    .accept = ثقة مرتفعة

## سلّم الأميرالية: موثوقية المصدر
reliability-a = موثوق تماماً
reliability-b = موثوق عادةً
reliability-c = موثوق إلى حد ما
reliability-d = غير موثوق عادةً
reliability-e = غير موثوق
reliability-f = لا يمكن الحكم على موثوقيته

## سلّم الأميرالية: مصداقية المعلومة
credibility-1 = مؤكدة من مصادر أخرى
credibility-2 = صحيحة على الأرجح
credibility-3 = ربما تكون صحيحة
credibility-4 = مشكوك فيها
credibility-5 = غير مرجحة
credibility-6 = لا يمكن الحكم على صحتها
