"""Features of one line taken alone, and its context-free content score.

Each line is measured once (size in Latin-equivalent characters, words, stopword share,
sentence punctuation, widget kind) and scored with jusText's three plain terms. The lexicons
for share widgets, cookie notices, comment headers and footers live here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cleaner.model import StrEnum
from cleaner.page_options import SinglePageOptions


class Reason(StrEnum):
    """Why a line was kept or dropped; the values are the public reason strings."""

    BLANK = "blank"
    ARTICLE_REGION = "article_region"
    REGION_HEADER = "region_header"
    REGION_FOOTER = "region_footer"
    OUTSIDE_PARAGRAPH = "outside_paragraph"
    NAV_MENU_RUN = "nav_menu_run"
    LINK_LIST = "link_list"
    SHARE_OR_COOKIE = "share_or_cookie"
    FOOTER = "footer"
    COMMENTS = "comments"
    OUTSIDE_ARTICLE_SHORT = "outside_article_short"
    NO_CONFIDENT_REGION = "no_confident_region"
    ABOVE_TITLE = "above_title"
    TOO_LITTLE_CHROME = "too_little_chrome"
    TEASER_BOX = "teaser_box"
    NEWSLETTER = "newsletter"
    POST_NAVIGATION = "post_navigation"
    POST_LINK = "post_link"
    AFTER_PAGE_FOOTER = "after_page_footer"
    AFTER_ARTICLE_END = "after_article_end"
    PROMOTION = "promotion"
    MEDIA_CONTROL = "media_control"
    ANNOUNCED_LIST = "announced_list"
    ORDERED_LIST = "ordered_list"
    IMAGE_CREDIT = "image_credit"


@dataclass(frozen=True, slots=True)
class LineFeatures:
    """What the judge knows about one line, computed once."""

    size: float
    """Latin-equivalent characters."""
    stop_share: float | None
    """Share of stopwords; None when the language has no stoplist."""
    words: int
    """Words, a CJK character counting as one."""
    sentence_end: bool
    prose_end: bool
    """Ends like a statement (full stop, closing double quote), not a question, label or
    single-quoted tabloid headline."""
    has_comma: bool
    boilerplate_kind: Reason | None


_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
# Fullwidth CJK punctuation is written as escapes (ruff RUF001 flags the literal forms).
_SENTENCE_END = tuple(".!?:;\u2026\u3002\uff01\uff1f\uff1b\uff1a\"'\u201d\u2019\u00bb)\uff09"
                      "\u300d\u300f")


def _word_set(words: str) -> frozenset[str]:
    """A vocabulary written as one space-separated string, easier to read than a list."""
    return frozenset(words.split())


_PROSE_END = tuple(".!\u2026\u3002\uff01\"\u201d\u00bb")
_COMMAS = (",", "\uff0c", "\u3001", ";", "\uff1b")
_SHARE_KEYS = _word_set(
    "share sharing tweet facebook twitter whatsapp linkedin pinterest reddit telegram tumblr "
    "email e-mail print messenger flipboard teilen drucken twittern compartir partager imprimer "
    "pinnen sharing udostępnij condividi"
)
_SHARE_FILLERS = _word_set(
    "icon click to on this via opens open in new window copy link x e mail follow us like and or "
    "the more instagram youtube tiktok article page story per auf der die den diesen artikel "
    "sur cet en este mit freunden dies sie bei speichern merken rezept beitrag seite news jetzt"
    " senden anderen friends"
)
_COOKIE_RE = re.compile(
    r"\bcookies?\b.*\b(website|site|browser|accept|consent|privacy|experience|datenschutz"
    r"|akzeptier\w*|zustimm\w*|einverstanden|webseite|navigat\w*|verwendet|nutzt|utilis\w+"
    r"|utiliza\w*)|\b(we use|this (website|site) uses|wir (verwenden|nutzen|setzen)"
    r"|diese (website|webseite|seite) (verwendet|nutzt)|nous utilisons|utilizamos|usamos)\b"
    r".{0,40}\bcookies?\b|(本网站|本站|我们)(使用|采用)\s*cookie", re.IGNORECASE)
_COMMENTS_RE = re.compile(
    r"^\W*(\d+\s+)?(comments?|responses?|replies|kommentare?|commentaires?|comentarios?"
    r"|komentarz\w*|leave a (comment|reply)|add (a )?comment|(top rated|show|view|load|read)"
    r" (all )?comments|join the (discussion|conversation)"
    r"|(no|keine|bisher keine) (comments|kommentare)"
    r"|(hinterlasse|hinterlassen sie|schreibe|schreiben sie) (einen kommentar|eine antwort)"
    r"|your email address will not be published|deine e-mail-adresse wird nicht"
    r"|ihre e-mail-adresse wird nicht|vos réactions|laisser un commentaire|deja un comentario"
    r"|dodaj komentarz|pingback)\b"
    r"|^\W*(发表|网友|最新|热门|查看|全部)?(评论|留言|跟帖)",
    re.IGNORECASE)
_COOKIE_STATEMENT_RE = re.compile(
    r"^\W*(this (website|site) uses cookies|we use cookies|(strictly )?(necessary|essential"
    r"|functional|analytics?|performance|advertisement|marketing|non-necessary) cookies"
    r" (are|is|help|may|allow)|any cookies that"
    r"|diese (website|webseite|seite) (verwendet|nutzt|benutzt) cookies"
    r"|(auf )?(unserer|dieser) (website|webseite|seite) (werden|verwenden wir|nutzen wir)"
    r" cookies|this (website|site) (is using|uses) cookies"
    r"|wir (verwenden|nutzen|setzen) cookies|(notwendige|essenzielle|technisch notwendige)"
    r" cookies (sind|werden)|nous utilisons des cookies|ce site utilise des cookies"
    r"|utilizamos cookies|este sitio (web )?utiliza cookies|本网站使用\s*cookie)",
    re.IGNORECASE)
"""A cookie banner's paragraph, opening with the cookie statement: such banners run to several
hundred characters, longer than a notice line, yet no article paragraph opens this way."""
_COMMENT_FORM_RE = re.compile(
    r"^\W*(kommentare? (schreiben|verfassen|abgeben|geschlossen)|comments are (closed|moderated)"
    r"|pingback( von)?|trackback|we welcome (reader )?comments(\W*$|\W+(but|please|that|which"
    r"|below|here)\b| on (this|our|these) (article|story|post|posts|site|blog)s?\b)"
    r"|please understand that comments|some comments may be (republished|published)"
    r"|post your comments?|kommentieren sie hier"
    r"|bitte registrieren sie sich und halten sie sich an unsere netiquette"
    r"|kommentar-?feed|comments? feed|rss feed for comments"
    r"|verraten sie (uns )?(gerne |es )?(uns )?in den kommentaren"
    r"|(ihre|deine) meinung zu (diesem|dem) (thema|artikel|beitrag)\b"
    r"|we want to hear what you think"
    r"|إضافة تعليق|اترك تعليقا|发表(你的|您的)?(评论|看法)"
    r"|我要(评论|留言))",
    re.IGNORECASE)
"""Comment-form and comment-policy lines ("Kommentare geschlossen", "We welcome comments
..."), as long as a notice line: some of them open ordinary sentences too, so they end the
article only below its dense region ("We welcome comments" only as the site's policy, not in
"We welcome comments from residents on the draft plan, the council said")."""
_COMMENT_POLICY_RE = re.compile(
    r"^\W*((cancel|antworten) (reply|abbrechen)"
    r"|(required fields are|erforderliche felder sind|pflichtfelder sind) (marked|mit)"
    r"|(deine|ihre|your) e-?mail[- ]?(adresse|address) wird nicht|save my name, email"
    r"|meinen namen, (meine )?e-mail|(blog )?comments powered by\b"
    r"|please enable javascript to view the comments|as you comment, please\b"
    r"|(trage deine daten unten ein|fill in your details below|introduce tus datos o haz clic"
    r"|entrez vos coordonnées ci-dessous)\b)",
    re.IGNORECASE)
"""The comment form's own furniture and policy ("Your email address will not be published.
Required fields are marked *", "blog comments powered by Disqus", "As you comment, please be
respectful ..."): never an article's sentence, so such a line ends the article even inside
its dense region, and may run to several hundred characters."""
_COPYRIGHT = (
    r"©|\(c\)\s*\d{4}|copyright|all rights reserved|alle rechte|tous droits réservés"
    r"|todos los derechos|wszelkie prawa zastrzeżone|diritti riservati|版权所有")
COPYRIGHT_RE = re.compile(_COPYRIGHT, re.IGNORECASE)
"""A copyright notice: the page's end, unlike a privacy link that an embed notice carries."""
_LICENCE = (
    r"creative commons|unless otherwise (stated|noted)|alle inhalte unterliegen|版权声明|免责声明"
    r"|is the copyrighted property of|permission must be obtained"
    r"|if not explicitly specified otherwise|diese seite wurde zuletzt am|this page was last"
    r" (edited|modified)|trotz sorgfältiger (inhaltlicher )?kontrolle"
    # Opening the line: the site's own notice, not a sentence about the law ("根据著作权法
    # 规定，未经权利人许可，任何单位和个人不得转载其作品。").
    r"|^\W*未经.{0,24}(许可|授权|同意).{0,12}(不得|请勿|禁止|严禁).{0,4}(转载|复制|摘编|使用)")
LEGAL_NOTICE_RE = re.compile(f"{_COPYRIGHT}|{_LICENCE}", re.IGNORECASE)
"""A copyright, licence or liability notice ("Unless otherwise stated, the content of this page is
licensed under ..."): the site's legal small print, whatever its length; a bare legal word
("Datenschutz", "Impressum") is only a link or a topic."""
RIGHTS_NOTICE_RE = re.compile(
    r"©|\(c\)\s*\d{4}|copyright\s*(©|\(c\)|\d{4})|all rights reserved|alle rechte vorbehalten"
    r"|tous droits réservés|todos los derechos reservados|wszelkie prawa zastrzeżone"
    r"|diritti riservati|版权所有|creative commons|is the copyrighted property of"
    r"|diese seite wurde zuletzt am|this page was last (edited|modified)", re.IGNORECASE)
"""A legal notice in full ("© 2024 ...", "Alle Rechte vorbehalten", "licensed under Creative
Commons"): unlike a bare legal word ("Copyright lawyers say ...", "Unless otherwise noted, all
figures are in dollars"), never the wording of an article's sentence."""
_FOOTER_RE = re.compile(
    rf"({_COPYRIGHT}|{_LICENCE}|impressum|privacy policy"
    r"|datenschutz|terms of (use|service)|nutzungsbedingungen|haftungs(ausschluss|beschränkung)"
    r"|mentions légales|aviso legal|política de privacidad|polityka prywatności"
    r"|cookie[- ]?(settings|einstellungen|policy|richtlinie)|备\d+号|ICP)",
    re.IGNORECASE,
)
_NEWSLETTER_RE = re.compile(
    r"\bnewsletters?\b|^\W*((jetzt )?(abonnieren|abonniere|abonnez|suscr[ií]b\w*|inscr[ií]v\w*"
    r"|zapisz się|registrieren sie sich|never miss)\b|(subscribe|sign up)( now| today| here)?"
    r"\W*$|sign up (to|for) (get|receive|our|the)\b|订阅(我们|本站|newsletter)|订阅\W*$|关注我们"
    r"\W*$|(subscribe|sign up) (now|today|for (our|free)|to (our|get)))",
    re.IGNORECASE)
"""Newsletter and subscription calls ("Sign up for Newsletters and Alerts", "Zum Newsletter
anmelden"); a prose sentence that mentions a newsletter is not one (see measure_line)."""
_CALL_TO_ACTION_RE = re.compile(
    r"^\W*(subscribe (now|today|to)|sign up (now|today)\b|sign up (to|for) (our|get|receive|free"
    r"|the latest|updates|exclusive)\b|get the (latest|best)\b.{0,60}"
    r"\b(inbox|newsletter|updates)|never miss (a|an|another) (story|update|thing|post|article)\b"
    r"|don.?t miss (out\W*$|out on (our|the latest)|a (thing|beat|story|post)\b)"
    r"|keine [\w -]{1,40} mehr verpassen|nichts mehr (verpassen|versäumen)"
    r"|(\w+ ){1,2}nichts mehr (verpassen|versäumen)\W*$"
    r"|(push-?)?benachrichtigung(en)? (aktivieren|einschalten)\b"
    r"|(enable|turn on|allow) (push |browser )?notifications\W*$"
    r"|join (the )?(\w+ )?(hundreds|thousands|millions) of\b|(einfach )?hier klicken und\b"
    r"|(die )?aktuelle ausgabe\b(.{0,60}\b(jetzt|kiosk|abo|e-paper|erhältlich)\b|\W*$)"
    r"|(jetzt )?abonnieren sie"
    r"|melden sie sich (jetzt |hier |gleich |kostenlos )*(an\W*$|für (unseren?|den) newsletter)"
    r"|suscr[ií]bete|abonnez-vous"
    r"|inscrivez-vous|zapisz się|artikel gefallen|vergiss nicht zu teilen"
    r"|(support|unterstützen sie|apoya|soutenez) (our|independent|unseren?|unabhängigen?"
    r"|el|nuestro|notre)\b.{0,30}(journalism|journalismus|periodismo|journalisme)"
    r"|ihr beitrag hilft|become a (member|patron|subscriber)|jetzt (spenden|unterstützen)"
    r"|\*?(werbung|anzeige|advertorial|sponsored)\W*$|\*?werbung[.:*]\s"
    r"|this (post|article|page) (may )?contains? (affiliate|references to products|sponsored)"
    r"|(dieser|der) (beitrag|artikel) (enthält|beinhaltet) (werbung|affiliate)"
    r"|for the latest (stories|news)\b.{0,40}\bdownload|get (the|our|all)\b.{0,80}\b(inbox"
    r"|newsletter)|follow us on (facebook|twitter|instagram|x\b)|(folge|folgt|folgen sie) (uns|mir)"
    r" (auf|bei|überall)\b|s[ií]guenos en\b|suivez-nous\b|obserwuj nas\b"
    r"|jetzt (registrieren|anmelden)\W*$|sharing is caring|never miss the latest"
    r"|(hat|gefällt) (ihnen|dir) (dieser|der|unser) (artikel|beitrag)\W*$"
    r"|did you (like|enjoy) this (article|post|story)\W*$|sie lesen gerne? [\w.-]+\?"
    r"|advertising disclos\w+\b|(when|if) you (buy|purchase) (something )?(through|via)"
    r" (links|our links)|bei den (verlinkungen|links) (in diesem (artikel|beitrag) )?handelt es"
    r" sich um|[\w -]{0,40} als pdf( herunterladen)?\W*$|zum vergrößern (auf das bild )?klicken"
    r"|wenn (ihnen|dir) (unser|der|dieser) (artikel|beitrag) gefallen hat"
    r"|czekamy na (wasze|państwa)|dołącz do naszej społeczności|zapraszamy (też )?do subskrypcji"
    r"|puede escribirnos|escríbenos a|möchten sie weiterlesen"
    r"|hier (kostenlos |gratis |jetzt )*(anmelden|registrieren)\b"
    r"|siga(-nos\b| o [\w.-]+\W*$)"
    r"|wie (bewerten|gefällt|fanden) (sie|ihnen|dir|du) (diesen|dieser|der|den) (artikel|beitrag)"
    r"|(rate|bewerte|bewerten sie) (this|diesen|den) (article|post|artikel|beitrag)"
    r"|bewerten\W*$|rate this\W*$"
    r"|((jetzt|hier|gleich|online) ([\w-]+ )?|(buch|ticket|tickets|heft|ausgabe|abo) )(bestellen"
    r"|kaufen|buchen|sichern)\W*$|(buy|order|shop|book) (it |yours )?(now|today|here)\W*$"
    r"|[\w ]{1,60}\bby clicking here$|want more (stories|news|articles)( like this)?\?$"
    r"|you have (been )?successfully subscribed|there was a problem subscribing"
    r"|thanks? (you )?for (subscribing|signing up)( to [\w ]{1,40})?\W*$"
    r"|join our ([\w-]+ ){0,2}(forums?|discord)\b"
    r"|(follow|siga|segue|folge|suivez) @[\w.]+\W*$"
    r"|((story|article) continues below|continue reading below)( advertisement)?\W*$"
    r"|continue reading the main story\W*$|(supported|sponsored|presented) by\W*$"
    r"|click here to (get|download|subscribe|sign up|join|follow)\b"
    r"|(get|download) (the|our) [\w ]{0,30}\bapp\W*$"
    r"|(立即|马上|免费)?下载[^，。,.]{0,8}(应用程序|客户端|app)[^。！？.!?]*$"
    r"|(advertisement|advert|publicidade|publicidad|publicité|pubblicità|iklan|reklama"
    r"|реклама|广告|廣告)\W*$"
    r"|ja\W+ich (benötige ein abo|bin abonnent)|(immediate|instant)"
    r" (online )?access to (all issues|the full article)|subscription will auto[- ]?renew)",
    re.IGNORECASE)
"""Calls to action written as sentences (subscribe, support our journalism, share this), and
advertising disclosures ("*Werbung. Dieser Beitrag enthält Werbung"): the site speaking to the
reader, not the story; anchored at the line's start so a sentence that reports on a
subscription or on advertising stays."""
_LINKED_TITLE = r"(\s*[:»>|+\u2013\u2014-]|\s+(?-i:[A-ZÄÖÜ0-9\"\u201e\u201c\u2018'\u00ab]))"
"""What follows "Next article" in a post link: a separator, or a title's capital or digit
("Nächster Artikel FDP-Landespolitiker ..."); "Nächster Artikel des Gesetzes regelt ..." and
"Next article of the law ..." go on as a sentence."""
_NEXT_POST = (r"^\W*(vorherige[rs]?|nächste[rs]?|previous|next) (artikel|beitrag|post|article"
              rf"|story){_LINKED_TITLE}(?!.*\w[.!?]$)")
""""Next article" or "Vorheriger Beitrag" before the linked post's title, not ending as a
sentence: post navigation when short, a post link when as long as a teaser title."""
_POST_NAVIGATION_RE = re.compile(
    r"^\W*((previous|next|older|newer|vorherige[rs]?|nächste[rs]?|ältere[rs]?|neuere[rs]?"
    r"|article (précédent|suivant)|artículo (anterior|siguiente)|(poprzedni|następny))"
    r"( (post|article|artikel|beitrag|story|page|seite))?|back to top|nach oben|zurück"
    r"( zu(m|r)? [\w-]+)?|(weiterlesen|continue reading|lire la suite|leer más)"
    r"( \d{1,3} (minuten|minutes|min))?|auf einer seite lesen|(artikel|rezept"
    r"|seite) drucken|zur startseite|back to (home|homepage)|weiter|zurück"
    r"|vorschau auf den nächsten (artikel|beitrag))\W*$"
    r"|^\W*(previous|next) (post|article|story)\s*:"
    rf"|{_NEXT_POST}",
    re.IGNORECASE)
"""Links between posts and pages ("Vorheriger Artikel", "Next Post: ...", "nach oben",
"weiterlesen 5 Minuten"); "Next article of the law: ... within a month." is a sentence."""
_POST_LINK_RE = re.compile(
    rf"{_NEXT_POST}"
    r"|^\s*[\u2190\u27f5]\s*\S|\S\s*[\u2192\u27f6]\s*$", re.IGNORECASE)
"""A link to another post that carries its title: "Previous article Transforming Mount
Trashmore: ...", "\u2190 Aachen 1933 \u2013 1945", "Steuerdarling \u2013 Die PARTEI als
Ehestifter \u2192": a blog's post navigation, as long as a teaser title (an arrow is not a
guillemet: "\u00abZitat\u00bb" stays)."""


_MEDIA_CONTROL_RE = re.compile(
    r"^\W*((image|photo|picture|slide|bild|foto|imagen|zdjęcie) \d{1,3} (of|von|de|sur|z)\W*\d{1,3}"
    r"|\d{1,3} / \d{1,3}|(back to|zurück zur) (the )?(gallery|galerie)|enlarge (this )?image"
    r"|bild vergrößern|(hide|show|toggle) caption|view (the )?(full )?gallery"
    r"|(previous|prev|zurück|vorherige[rs]?|anterior)\W+(next|weiter|nächste[rs]?|siguiente"
    r"|próximo)"
    r"|(bilder)?galerie (ansehen|öffnen)|play video|video abspielen|thanks for watching\W*"
    r"(visit (our )?website)?|copy (this |the )?link|link kopieren|copier le lien"
    r"|read more about sharing|these are external links and will open in a new window"
    r"|media playback is unsupported on your device"
    r"|your browser does not support (the )?(video|audio)( tag| element)?"
    r"|分享到(\W|微信|微博|朋友圈|qq空间|qq|豆瓣)*|(微信|手机)?扫一扫(在手机上?(打开|阅读|浏览)"
    r"(当前页|本文|此页)?|下载|关注|分享)?|扫描二维码\w{0,12}|二维码失效\W*(请点击\W*)?刷新二维码)"
    r"\W*$", re.IGNORECASE)
"""The controls of a photo gallery, player or share panel ("Image 1 of 1", "1 / 12", "Back to
Gallery", "Enlarge Image", "Copy this link", "Media playback is unsupported on your device"):
the whole line a button label or the player's notice, never a caption, which says what is
shown; a counter has spaces round its slash, a date ("29/11") none."""


_OWN_NEWSLETTER_RE = re.compile(
    r"\b(unser(e[nmr]?)?|our|notre|nos|nuestro|nuestra)\s+([\w-]+\s+){0,2}(e-?mail-?)?newsletter\b",
    re.IGNORECASE)
"""The site's own newsletter, wherever the line names it ("Mit unserem Newsletter erhalten Sie
monatlich ...", "Never miss the latest news by signing up to our newsletter today!"): a report
on a newsletter names somebody else's ("the ministry's newsletter"), and a quote ("\u201cWe
started our newsletter in 2019,\u201d she said") speaks for a source, not the site."""
_NEWSLETTER_CALL_RE = re.compile(
    r"\b(sign(ing)? up|subscribe|subscribing|abonnier\w*|anmelde\w*|melden sie sich|registrier\w*"
    r"|erhalten sie|erhältst du|bekommen sie|bekommst du|never miss|(nichts|keine[ns]?)( \w+)?"
    r" (mehr )?verpassen|verpassen sie|inscri\w*|suscr[ií]b\w*|join|get|receive)\b",
    re.IGNORECASE)
"""The call to act that makes a line naming the site's newsletter a promotion ("Sign up to our
newsletter", "Mit unserem Newsletter erhalten Sie ..."): an interview answer about one's own
newsletter ("Our weekly newsletter has 20,000 subscribers") asks nothing of the reader."""
_QUOTE_RE = re.compile("[\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u201a\u2039\u203a]")
_CONSENT_RE = re.compile(
    r"^\W*(ja, ich möchte|ich (bin|erkläre mich) (mit|damit) .{0,120}einverstanden"
    r"|mit (dem )?absenden .{0,80}(willige|stimme) ich|mit (der|ihrer) (registrierung|anmeldung)"
    r" (akzeptieren|bestätigen|stimmen) sie|wenn (du|sie) per e-mail .{0,80}informiert werden"
    r"|yes,? i (would like|want) to (receive|subscribe|sign up)|i (agree|consent) to (receive"
    r"|the processing)|by (signing up|subscribing|registering|submitting|clicking)[\w ]{0,30},"
    r" you (agree|accept|consent)|sí,? (quiero|deseo) recibir|j.accepte de recevoir)",
    re.IGNORECASE)
"""The consent line of a sign-up form ("Ja, ich möchte den Newsletter erhalten.", "By signing
up, you agree to our Terms"): written as a sentence, but in the reader's voice, not a story's."""
_DISCLOSURE_RE = re.compile(
    r"\b((advertising|affiliate|werbe)[- ]?(disclaimer|disclosure|hinweis)\b|disclaimer\s*[(:]"
    r"|(is|are) supported by (its|our) (audience|readers)\b|when you (buy|purchase) (something )?"
    r"(through|via) (links|our links)|we may (earn|receive) (an? )?(affiliate )?(commission"
    r"|compensation)|(es )?handelt es sich um affiliate[- ]links|references to products from one"
    r" or more of our advertisers)", re.IGNORECASE)
"""Advertising and affiliate disclosures ("When you purchase through links on our site, we may
earn an affiliate commission"): the site's business, not the story; often a long paragraph."""
_EMBED_CONSENT_RE = re.compile(
    r"(wir respektieren (deine|ihre) privatsphäre|klicke?n? sie auf den( unteren)? button, um den"
    r" inhalt|um (den|diesen) inhalt (von [\w.-]+ )?zu laden|mit dem laden des inhalts akzeptieren"
    r"|alle inhalte laden|diesen inhalt laden|click (the button|here) to load the content"
    r"|by loading the (content|video|tweet),? you accept)", re.IGNORECASE)
"""The placeholder of a blocked embed ("Klicken Sie auf den Button, um den Inhalt von
www.komoot.de zu laden"): a consent widget like a cookie notice."""
_LIKE_WIDGET_RE = re.compile(
    r"^\W*(gefällt mir|like this|me gusta|j.aime)(\W*$|\W+(lade|wird geladen|loading"
    r"|gefällt mir nicht|cargando|chargement))", re.IGNORECASE)
"""The like button of a blog platform ("Gefällt mir:", "Gefällt mir Wird geladen …")."""


_IMAGE_CREDIT_LABEL_RE = re.compile(
    r"^\W*(photo(graph)?s?|pictures?|images?|fotos?|bild(er)?|imagen(es)?|cr[ée]ditos?|credits?"
    r"|fotó|zdjęci[ea]|bildquelle|fotoquelle|beitragsbild|titelbild|图片来源|图片|摄影)"
    r"\s*(:|：|by\b|via\b|von\b|copyright\b|credit\b|©|\(c\))", re.IGNORECASE)
"""A picture's credit line, named by its label ("Photo: Getty Images", "(Foto: Tony Silva)",
"Image via Getty Images", "(crédito: Minervino Júnior/CB)"): the picture's small print, never
the story's words; a source line ("Quelle: dpa", "Source: NHK") credits the text and stays."""
_IMAGE_AGENCY_RE = re.compile(
    r"^(\W*|[\w .\u2019'&-]{1,50}?(\s*[|/,\u2022]\s*|\s+via\s+))(getty( images)?"
    r"|shutterstock(\.com)?|istock(photo)?(\.com)?|unsplash(\.com)?|pixabay(\.com)?|pexels"
    r"|alamy( stock photo)?|picture[ -]alliance|imago( images)?|adobe ?stock|wenn\.com"
    r"|123rf(\.com)?|depositphotos|fotolia)\W*$", re.IGNORECASE)
"""A credit line that is only a picture agency, alone or after the photographer ("Getty Images",
"Alex Wong | Getty Images", "AFP via Getty", "Judy Eddy/WENN.com"); a caption that names the
agency at its end ("... the plague (Image: GETTY)") says what is shown and is not one, nor is a
news agency alone ("AFP", "dpa"), which may credit the text."""


#: Words after a picture label that still read as a credit ("Photo: John Smith for The New
#: York Times"), and the lower-case words a credit may have between its names.
_CREDIT_MAX_WORDS = 8
_CREDIT_JOINERS = frozenset({"and", "for", "of", "by", "via", "und", "für", "von", "van", "der",
                             "de", "del", "da", "do", "y", "e", "et", "la", "le", "&"})


def is_image_credit(text: str, size: float, options: SinglePageOptions) -> bool:
    """A short line that only credits a picture: its agency says so, or its label does and
    only names follow (a few words, none in lower case but joiners: "Photo: J. Doe", "(Foto:
    Tony Silva)"). After a label, other words in lower case are a sentence or a headline
    about pictures or about what "Bild" or "Credit" also name ("Bild: Merkel plant offenbar
    Rücktritt", "Credit: Banks tighten lending", "Photos by residents show the street")."""
    if size >= options.short_line_max_chars:
        return False
    if _IMAGE_AGENCY_RE.match(text) is not None:
        return True
    label = _IMAGE_CREDIT_LABEL_RE.match(text)
    if label is None:
        return False
    rest = text[label.end():].split()
    return 0 < len(rest) <= _CREDIT_MAX_WORDS and not any(
        word[:1].islower() and word not in _CREDIT_JOINERS for word in rest)


_TOOLBAR_ITEM_RE = re.compile(r"[【\[]\s*[^】\]\[【]{1,12}?\s*[】\]]")
_TOOLBAR_REST_RE = re.compile(r"[\s|\u00b7\u2022]")


def is_toolbar(text: str) -> bool:
    """A bar of bracketed buttons ("页面功能 【 我来说两句 】【 推荐 】【 打印 】【 关闭 】",
    "[ Home ] [ Impressum ] [ Print ]"): three or more short bracketed labels and hardly
    anything else; footnote marks ("Paris [1] [2] [3]"), a numbered reference ("[1] 章炳林.
    C2C电子商务...") or a quote with editorial brackets are text."""
    items = [item for item in _TOOLBAR_ITEM_RE.findall(text) if not item.strip("[]【】 ").isdigit()]
    rest = _TOOLBAR_REST_RE.sub("", _TOOLBAR_ITEM_RE.sub("", text))
    return len(items) >= 3 and len(rest) <= 8


def line_size(text: str, options: SinglePageOptions) -> float:
    """Latin-equivalent characters of a stripped line: spaces do not count, CJK counts more."""
    cjk = len(_CJK_RE.findall(text))
    return len(text) - text.count(" ") + cjk * (options.cjk_char_weight - 1)


def count_short_lines(lines: Sequence[str], options: SinglePageOptions) -> int:
    """Non-blank lines that may be chrome: an upper bound on the page chrome, cheap enough to
    run on every document before anything else.

    A Latin line counts below ``short_line_max_chars``; a CJK line up to twice that in
    Latin-equivalent size, since a Chinese link or teaser title with its date ("v 国产途胜全面
    进场 北京现代4S店经销商喜上眉梢 2005-07-11 15:02:26") runs to some 25 characters. Only the
    gate is wider: the judge still measures chrome with its own short-line limit, and a page
    without a confident region loses nothing but unmistakable widgets."""
    limit = options.short_line_max_chars
    count = 0
    for line in lines:
        text = line.strip()
        # A line with this many non-space characters is long whatever its script.
        # An ASCII line has no CJK: its size is its non-space count, below the limit.
        if text and len(text) - text.count(" ") < limit and (
                text.isascii() or line_size(text, options) < 2 * limit):
            count += 1
    return count


def measure_line(line: str, stopwords: frozenset[str], stop_chars: frozenset[str],
                 options: SinglePageOptions) -> LineFeatures:
    """Features of one non-blank line."""
    text = line.strip().replace("\xad", "")  # soft hyphens split words: "Face\xadbook"
    cjk = _CJK_RE.findall(text)
    rest = _CJK_RE.sub(" ", text) if cjk else text
    words = [word.lower() for word in _WORD_RE.findall(rest)]
    size = len(rest) - rest.count(" ") + len(cjk) * options.cjk_char_weight
    if stopwords and (words or cjk):
        stop_words = sum(map(stopwords.__contains__, words))
        stop_share_words = stop_words / len(words) if words else 0.0
        stop_share_cjk = (sum(map(stop_chars.__contains__, cjk)) / len(cjk)) if cjk else 0.0
        # Normalise the CJK share to the word scale so both saturate at the same point.
        scale = options.stopword_share_high / options.stop_character_share_high
        stop_share = max(stop_share_words, stop_share_cjk * scale) if cjk else stop_share_words
    else:
        stop_share = None
    sentence_end = text.endswith(_SENTENCE_END)
    kind = None
    if (size < options.short_line_max_chars and _COMMENTS_RE.search(text)) or (
            size < options.long_line_min_chars and _COMMENT_FORM_RE.search(text)) or (
            size < 3 * options.long_line_min_chars and _COMMENT_POLICY_RE.search(text)):
        kind = Reason.COMMENTS
    elif is_share_line(words) or (
            size < options.short_line_max_chars and _LIKE_WIDGET_RE.match(text)) or (
            size < options.long_line_min_chars and _COOKIE_RE.search(text)) or (
            size < 3 * options.long_line_min_chars and _EMBED_CONSENT_RE.search(text)) or (
            size < 3 * options.long_line_min_chars and _COOKIE_STATEMENT_RE.match(text)):
        kind = Reason.SHARE_OR_COOKIE
    elif size < options.long_line_min_chars and _FOOTER_RE.search(text):
        kind = Reason.FOOTER
    elif is_image_credit(text, size, options):
        kind = Reason.IMAGE_CREDIT
    elif (size < options.short_line_max_chars and _POST_NAVIGATION_RE.search(text)) or is_toolbar(
            text):
        kind = Reason.POST_NAVIGATION
    elif size < options.teaser_max_chars and _POST_LINK_RE.search(text):
        kind = Reason.POST_LINK
    elif (size < options.teaser_max_chars and _NEWSLETTER_RE.search(text)
          and not (text.endswith(_PROSE_END) and len(words) >= options.prose_min_words)) or (
            size < 3 * options.long_line_min_chars and _CONSENT_RE.match(text)):
        kind = Reason.NEWSLETTER
    elif size < options.short_line_max_chars and _MEDIA_CONTROL_RE.match(text):
        kind = Reason.MEDIA_CONTROL
    elif (size < options.long_line_min_chars and (
            _CALL_TO_ACTION_RE.search(text) or (_OWN_NEWSLETTER_RE.search(text)
                                                and _NEWSLETTER_CALL_RE.search(text)
                                                and not _QUOTE_RE.search(text)))) or (
            size < 3 * options.long_line_min_chars and _DISCLOSURE_RE.search(text)):
        kind = Reason.PROMOTION
    return LineFeatures(
        size=size,
        stop_share=stop_share,
        words=len(words) + len(cjk),
        sentence_end=sentence_end,
        prose_end=text.endswith(_PROSE_END),
        has_comma=any(c in text for c in _COMMAS),
        boilerplate_kind=kind,
    )


_LAST_SENTENCE_RE = re.compile(r"(?:^|[.!?]\s+)([^.!?]*\S)\s*$")


def is_call_to_action(text: str) -> bool:
    """The line, or its last sentence, asks something of the reader ("Du bist am Thema
    interessiert? Folge uns auf:", "Subscribe now"): the site speaking, not the story."""
    text = text.strip()
    match = _LAST_SENTENCE_RE.search(text)
    last = match.group(1) if match else text
    return any(pattern.search(part) is not None for part in {text, last}
               for pattern in (_CALL_TO_ACTION_RE, _NEWSLETTER_RE))


def is_comment_form(text: str) -> bool:
    """The comment form's furniture or policy ("Your email address will not be published",
    "blog comments powered by Disqus", "As you comment, please be respectful ..."): unlike a
    bare "Comments" header, which may head an analysis section, it only ever opens the comment
    section."""
    return _COMMENT_POLICY_RE.search(text.strip()) is not None


def is_share_line(words: Sequence[str]) -> bool:
    """A line made of share-widget words ("Click to share on Facebook (Opens in new window)",
    "icon-facebook icon-twitter"), not a sentence that mentions Twitter. ``words`` are
    lower-cased."""
    if _SHARE_KEYS.isdisjoint(words):
        return False
    keys = sum(map(_SHARE_KEYS.__contains__, words))
    fillers = sum(map(_SHARE_FILLERS.__contains__, words))
    return (keys + fillers) >= 0.7 * len(words)


def score_line(features: LineFeatures, options: SinglePageOptions) -> float:
    """Content likelihood of a line taken alone, 0..1: a weighted sum of three plain terms."""
    span = options.long_line_min_chars - options.short_line_max_chars
    length = min(1.0, max(0.0, (features.size - options.short_line_max_chars) / span))
    if features.stop_share is None:
        stop = 0.5
    else:
        stop = min(1.0, features.stop_share / options.stopword_share_high)
    punct = 1.0 if features.sentence_end else 0.5 if features.has_comma else 0.0
    score = (options.weight_length * length + options.weight_stopwords * stop
             + options.weight_punctuation * punct)
    return round(score, 4)


def is_prose(features: LineFeatures, options: SinglePageOptions) -> bool:
    """A statement in running text, however short: news paragraphs of one sentence (60-150
    characters) score low on length alone, yet no menu, teaser or label reads like this."""
    return (features.prose_end
            and features.words >= options.prose_min_words
            and features.size >= options.prose_min_chars
            and (features.stop_share is None
                 or features.stop_share >= options.prose_min_stop_share))


def is_sentence(features: LineFeatures, options: SinglePageOptions) -> bool:
    """Written prose: ends like a sentence, several words, function words present."""
    return (features.sentence_end
            and features.words >= options.outside_keep_sentence_min_words
            and (features.stop_share is None
                 or features.stop_share >= options.outside_keep_sentence_min_stop_share))


_PHOTO_CREDIT_RE = re.compile(
    r"^\W*(image|photo|picture|foto|bild|fotó|zdjęcie|图片|图)\s*(copyright|credit|©|:|\(c\))",
    re.IGNORECASE)


def is_photo_credit(line: str) -> bool:
    """"Image copyright Reuters", "Foto: © dpa": a caption's credit inside the article."""
    return _PHOTO_CREDIT_RE.match(line.strip()) is not None


def next_text_line(features: Sequence[LineFeatures | None], i: int) -> int | None:
    """The index of the first non-blank line after line ``i``, or None at the page's end."""
    return next((j for j in range(i + 1, len(features)) if features[j] is not None), None)
