"""cleaner.page_lines: widget lines recognised from their own text, in several languages."""

from __future__ import annotations

import pytest

from cleaner.page_lines import Reason, measure_line
from cleaner.page_options import DEFAULT_SINGLE_PAGE_OPTIONS


def _kind(text: str) -> Reason | None:
    features = measure_line(text, frozenset(), frozenset(), DEFAULT_SINGLE_PAGE_OPTIONS)
    return features.boilerplate_kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("We use cookies to give you the best experience on our website.", Reason.SHARE_OR_COOKIE),
        ("Diese Website verwendet Cookies.", Reason.SHARE_OR_COOKIE),
        ("Wir verwenden Cookies, um Ihnen ein optimales Erlebnis zu bieten.",
         Reason.SHARE_OR_COOKIE),
        ("本网站使用cookie来改善您的体验", Reason.SHARE_OR_COOKIE),
        ("Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind markiert.",
         Reason.COMMENTS),
        ("Trage deine Daten unten ein oder klicke ein Icon um dich einzuloggen:",
         Reason.COMMENTS),
        ("Fill in your details below or click an icon to log in:", Reason.COMMENTS),
        ("Kommentare geschlossen", Reason.COMMENTS),
        ("We welcome comments, but please keep them civil and on topic.", Reason.COMMENTS),
        ("We welcome reader comments on this article.", Reason.COMMENTS),
        ("Please understand that comments are moderated and it is not always possible to publish "
         "all that have been submitted.", Reason.COMMENTS),
        ("发表你的评论", Reason.COMMENTS),
        ("Sign up to get the best content of the week", Reason.NEWSLETTER),
        ("关注我们", Reason.NEWSLETTER),
        ("Unless otherwise stated, the content of this page is licensed under Creative Commons",
         Reason.FOOTER),
        ("Tous droits réservés", Reason.FOOTER),
        ("Subscribe now to our eNATION edition for the full story.", Reason.PROMOTION),
        ("Necessary cookies are absolutely essential for the website to function properly. " * 4,
         Reason.SHARE_OR_COOKIE),
        ("Keine Neuigkeiten mehr verpassen: Abonnieren Sie kostenlos unseren Dienst.",
         Reason.PROMOTION),
        ("*Werbung. Dieser Beitrag enthält Werbung für eine Marke.", Reason.PROMOTION),
        ("Artikel gefallen? Vergiss nicht zu teilen!", Reason.PROMOTION),
        ("Support independent journalism with a donation today.", Reason.PROMOTION),
        ("Melden Sie sich jetzt für unseren Newsletter an.", Reason.PROMOTION),
        ("Don't miss out!", Reason.PROMOTION),
        ("Follow us on Instagram for more pictures from the festival.", Reason.PROMOTION),
        ("Auf unserer Website werden Cookies eingesetzt, um unseren Internetauftritt "
         "benutzerfreundlich zu gestalten und optimal auf Deine Bedürfnisse abzustimmen. " * 3,
         Reason.SHARE_OR_COOKIE),
        ("Gefällt mir:", Reason.SHARE_OR_COOKIE),
        ("Gefällt mir Wird geladen …", Reason.SHARE_OR_COOKIE),
        ("Rezept drucken Bei Pinterest speichern", Reason.SHARE_OR_COOKIE),
        ("Post Your Comments", Reason.COMMENTS),
        ("Verraten Sie gerne in den Kommentaren:", Reason.COMMENTS),
        ("We want to hear what you think about this article.", Reason.COMMENTS),
        ("Folge uns überall!", Reason.PROMOTION),
        ("Síguenos en nuestras redes sociales", Reason.PROMOTION),
        ("Jetzt registrieren", Reason.PROMOTION),
        ("Gefällt Ihnen dieser Artikel?", Reason.PROMOTION),
        ("Sharing is caring", Reason.PROMOTION),
        ("Dieses Skript als PDF herunterladen", Reason.PROMOTION),
        ("Advertising disclosure: We may receive compensation for some links to products.",
         Reason.PROMOTION),
        ("Zur Startseite", Reason.POST_NAVIGATION),
        ("Diesen Beitrag teilen", Reason.SHARE_OR_COOKIE),
        ("2023 nichts mehr versäumen!", Reason.PROMOTION),
        ("Benachrichtigung aktivieren Dürfen wir Sie in Ihrem Browser über die wichtigsten "
         "Nachrichten informieren?", Reason.PROMOTION),
        ("Turn on notifications", Reason.PROMOTION),
        ("Den Artikel mit anderen teilen/diskutieren:", Reason.SHARE_OR_COOKIE),
        ("Udostępnij", Reason.SHARE_OR_COOKIE),
        ("Print This Article Share it With Friends", Reason.SHARE_OR_COOKIE),
        ("Mit unserem Newsletter erhalten Sie monatlich Informationen rund um das Urlaubsland.",
         Reason.PROMOTION),
        ("Never miss the latest news by signing up to our newsletter today!", Reason.PROMOTION),
        ("Buch bestellen", Reason.PROMOTION),
        ("Jetzt sichern!", Reason.PROMOTION),
        ("Order now", Reason.PROMOTION),
        ("weiterlesen 5 Minuten", Reason.POST_NAVIGATION),
        ("Vorschau auf den nächsten Artikel", Reason.POST_NAVIGATION),
        ("Nächster Artikel FDP-Landes- und Kommunalpolitiker stellen Bundes-Ampel infrage \u2013 "
         "sieben aus RLP",
         Reason.POST_LINK),
        ("\u2190 Aachen 1933 \u2013 1945", Reason.POST_LINK),
        ("Ja, ich möchte den personalisierten Newsletter erhalten.", Reason.NEWSLETTER),
        ("Ich bin damit einverstanden, dass mir der Verlag Angebote per E-Mail schickt.",
         Reason.NEWSLETTER),
        ("By subscribing, you agree to receive emails from us about our products and events.",
         Reason.NEWSLETTER),
        ("Tom's Hardware is supported by its audience. When you purchase through links on our "
         "site, we may earn an affiliate commission. Here's why you can trust us.",
         Reason.PROMOTION),
        ("This post contains references to products from one or more of our advertisers. We "
         "may receive compensation when you click on links to those products.", Reason.PROMOTION),
        ("Möchten Sie weiterlesen?", Reason.PROMOTION),
        ("Keine Neuigkeiten aus der Medien-Branche mehr verpassen: Abonnieren Sie kostenlos.",
         Reason.PROMOTION),
        ("Join the hundreds of developers who get new code delivered to their inbox.",
         Reason.PROMOTION),
        ("Die aktuelle Ausgabe der L-MAG jetzt an jedem Bahnhofskiosk, im Abo und als e-Paper.",
         Reason.PROMOTION),
        ("Wenn Ihnen unser Artikel gefallen hat: Unterstützen Sie diese Form des Journalismus.",
         Reason.PROMOTION),
        ("Czekamy na Wasze maile z uwagami i komentarzami: redakcja@example.pl.",
         Reason.PROMOTION),
        ("Klicken Sie auf den unteren Button, um den Inhalt von www.komoot.de zu laden.",
         Reason.SHARE_OR_COOKIE),
        ("Wir respektieren deine Privatsphäre und stellen deshalb ohne dein Einverständnis keine "
         "Verbindung zu Twitter her.", Reason.SHARE_OR_COOKIE),
        ("Instant access to the full article PDF.", Reason.PROMOTION),
        ("Bitte registrieren Sie sich und halten Sie sich an unsere Netiquette.", Reason.COMMENTS),
        ("Face\xadbook Twit\xadter Pin\xadte\xadrest E-Mail Whats\xadApp", Reason.SHARE_OR_COOKIE),
        ("This article is the copyrighted property of the Daily News.", Reason.FOOTER),
        ("Diese Seite wurde zuletzt am 29. Januar 2020 um 13:22 Uhr geändert.", Reason.FOOTER),
        ("Continue Reading Below", Reason.PROMOTION),
        ("Story continues below advertisement", Reason.PROMOTION),
        ("Advertisement", Reason.PROMOTION),
        ("» Publicidade", Reason.PROMOTION),
        ("GET FOX BUSINESS ON THE GO BY CLICKING HERE", Reason.PROMOTION),
        ("Want more stories like this?", Reason.PROMOTION),
        ("You have been successfully subscribed!", Reason.PROMOTION),
        ("Thank you for subscribing", Reason.PROMOTION),
        ("Join our Space Forums to keep talking space on the latest missions!",
         Reason.PROMOTION),
        ("Siga @adautoracing", Reason.PROMOTION),
        ("Image 1 of 1", Reason.MEDIA_CONTROL),
        ("Image 1 of / 1", Reason.MEDIA_CONTROL),
        ("1 / 12", Reason.MEDIA_CONTROL),
        ("Back to Gallery", Reason.MEDIA_CONTROL),
        ("Enlarge Image", Reason.MEDIA_CONTROL),
        ("Bild 3 von 10", Reason.MEDIA_CONTROL),
        ("Previous Next", Reason.MEDIA_CONTROL),
        ("Thanks for watching! Visit Website", Reason.MEDIA_CONTROL),
        ("Copy this link", Reason.MEDIA_CONTROL),
        ("Read more about sharing.", Reason.MEDIA_CONTROL),
        ("These are external links and will open in a new window", Reason.MEDIA_CONTROL),
        ("Media playback is unsupported on your device", Reason.MEDIA_CONTROL),
        ("Your browser does not support the video tag.", Reason.MEDIA_CONTROL),
        ("Advert", Reason.PROMOTION),
        ("Iklan", Reason.PROMOTION),
        ("Reklama", Reason.PROMOTION),
        ("广告", Reason.PROMOTION),
        ("CLICK HERE TO GET THE FOX NEWS APP", Reason.PROMOTION),
        ("Get the City Gazette app", Reason.PROMOTION),
        ("页面功能 【 我来说两句 】【 我要“揪”错 】【 推荐 】【字体： 大 中 小 】"
         "【 打印 】 【 关闭 】", Reason.POST_NAVIGATION),
        ("【 关闭窗口 】 【 发表评论 】 【 打印本稿 】", Reason.POST_NAVIGATION),
        ("[ Home ] [ Print ] [ Top ]", Reason.POST_NAVIGATION),
        ("blog comments powered by Disqus", Reason.COMMENTS),
        ("Please enable JavaScript to view the comments powered by Disqus.", Reason.COMMENTS),
        ("As you comment, please be respectful of other commenters and other viewpoints. Our goal "
         "with article comments is to provide a space for civil, informative and constructive "
         "conversations. We reserve the right to remove any comments that we deem to be "
         "defamatory, rude, insulting to others, hateful, off-topic or that violate our terms.",
         Reason.COMMENTS),
    ],
)
def test_widget_lines_are_recognised(text: str, kind: Reason) -> None:
    assert _kind(text) is kind


@pytest.mark.parametrize(
    "text",
    [
        "Docker is licensed under the Apache License, Version 2.0. See LICENSE for the full text.",
        "The council said readers had sent hundreds of comments about the new bus routes.",
        "Die Kommentare der Leser zeigen, wie umstritten das Thema in der Stadt inzwischen ist.",
        "A cookie jar full of biscuits stood on the kitchen table all through the long winter.",
        "The bakery said its cookies are essential to the town's identity, and sales rose. " * 3,
        "Readers who subscribe to the paper will get the new supplement from next week on.",
        "Die Werbung für das Produkt wurde von der Behörde im Mai verboten, sagte die Sprecherin.",
        "Werbung ist überall: an Bushaltestellen, in Apps und in den Schulen der Stadt.",
        "Melden Sie sich beim Ordnungsamt an, wenn Sie einen Stand aufbauen wollen.",
        "Never miss an opportunity to ask, the coach told his players after the match.",
        "Don't miss a chance to see the comet, astronomers said on Monday evening.",
        "Follow Smith on Twitter, where she posts updates from the court every day.",
        "Folgt Merkel auf Scholz? Die Partei entscheidet im Herbst über die Kandidatur.",
        "Der Bericht liegt als PDF vor und umfasst mehr als 300 Seiten mit Tabellen.",
        "Gefällt mir nicht, sagte die Ministerin über den Vorschlag der Opposition am Montag.",
        "Die Händler verdienen an jedem Verkauf, wenn Kunden über ihre Links bestellen, sagte er.",
        "Ja, sagte der Minister, man sei mit dem Ergebnis der Verhandlungen sehr zufrieden.",
        "Next article of the law: the council must publish the plan within a month.",
        "Jetzt teilen sich die Brüder das Erbe",
        "Die Polizei will keine Benachrichtigung erhalten haben, sagte der Sprecher.",
        "Benachrichtigungen erhalten Nutzer künftig auch per SMS, teilte die Stadt mit.",
        "Sie werden nichts mehr verpassen, versprach der Intendant am Montag.",
        "Kaufen",
        "Wszelkie prawa człowieka muszą być chronione, powiedział rzecznik.",
        "Die Seite teilen sich zwei Anbieter.",
        "\u201cWe started our newsletter in 2019,\u201d she said, and it now has 40,000 readers.",
        "The ministry's newsletter reported a rise in applications for the grant last year.",
        "Bestellen konnte man das Buch nur im Laden, sagte die Händlerin am Montag.",
        "Nächster Artikel der Reihe erscheint am Montag.",
        "Nächster Artikel des Gesetzes regelt die Fristen",
        "Next article of the law sets the deadlines",
        "We welcome comments from residents on the draft plan, the council said.",
        "Die Preise steigen \u2192 die Mieten auch, sagte sie am Montag in Berlin.",
        "Readers can download the full report by clicking here.",
        "The image 1 of 3 cameras captured showed the suspect leaving the bank at noon.",
        "Join our community garden this spring, the mayor told residents on Monday.",
        "Advertisement spending rose by 4 percent last year, the agency said.",
        "Thanks for subscribing to the idea, she replied, but the plan is not ready.",
        "The story continues below the fold in the print edition, editors said.",
        "Photo 1 of the series shows the harbour at dawn.",
        "Previous attempts to reach the next stage of the talks failed, officials said.",
        "We welcome comments from residents on the draft plan until 5 May, the council said, and "
        "officials will publish a summary of the responses in June together with a revised map "
        "of the routes, the timetable for the consultation and the list of public meetings.",
        "A: Our weekly newsletter has 20,000 subscribers now, and we plan to double that.",
        "\u2018We started our newsletter in 2019,\u2019 she said, and it now has 40,000 readers.",
        "29/11",
        "Your Facebook page",
        "Copy this link into your browser to read the ministry's full report.",
        "Media playback is unsupported on older phones, the company admitted on Monday.",
        "Advert spending rose by 4 percent last year, the agency said.",
        "Reklama w telewizji kosztuje coraz więcej, mówią eksperci.",
        "广告法修订后，虚假宣传将受到更严厉的处罚。",
        "Download the app and pay at the counter, the company said.",
        "Click here to see how the vote went, the mayor wrote to residents.",
        "Paris [1] [2] [3]",
        "[1] 章炳林. C2C电子商务的物流配送问题研究[D]: [硕士学位论文]. 合肥: 合肥工业大学, 2008.",
        "\u201e[V]ielen Dank für [die] Unterstützung [\u2026] Jetzt ist alles gut.\u201c",
        "Share your story",
    ],
)
def test_article_sentences_mentioning_the_words_are_not_widgets(text: str) -> None:
    assert _kind(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Photo: Getty Images",
        "(Foto: Tony Silva/Ascom-PC)",
        "Image via Getty Images",
        "Images by Getty Images and US Presswire",
        "(crédito: Minervino Júnior/CB/D.A.Press)",
        "Imagen: Télam",
        "Bildquelle: SWR",
        "Photo by David Dyer-Bennet",
        "Getty Images",
        "Shutterstock",
        "Alex Wong | Getty Images",
        "AFP via Getty",
        "Judy Eddy/WENN.com",
        "图片来源：新华社",
        "(Photo: John Smith for The New York Times)",
    ],
)
def test_picture_credit_lines_are_widgets(text: str) -> None:
    assert _kind(text) is Reason.IMAGE_CREDIT


@pytest.mark.parametrize(
    "text",
    [
        # a source line credits the text, and a news agency alone may too
        "Source: NHK",
        "Quelle: Landesregierung Hessen",
        "AFP",
        "dpa",
        # a caption says what is shown, whatever credit it ends with
        "The plague wiped out half of Europe in the 14th century (Image: GETTY)",
        "Main image credit: Getty",
        # sentences that only mention pictures or an agency
        "Photographers from Getty Images covered the summit for three days, the agency said.",
        "Getty said in a statement that the museum would reopen in the spring.",
        "Pictures of the flooded village were shared thousands of times on Monday.",
        "J. Paul Getty",
        "Photos by residents show the flooded main street.",
    ],
)
def test_captions_and_sentences_naming_pictures_are_not_credits(text: str) -> None:
    assert _kind(text) is not Reason.IMAGE_CREDIT
