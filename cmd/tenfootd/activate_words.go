package main

import (
	"net/http"
	"time"

	"tenfoot/i18n"
)

// pageWords say the activation page in the language the phone's browser asks for
// (Accept-Language), English when it asks for none tenfoot speaks. The template
// calls T with a message's key and its arguments in pairs.
type pageWords struct{ lang i18n.Lang }

// wordsFor returns the words of the page for r.
func wordsFor(r *http.Request) pageWords {
	l, _ := i18n.MatchAcceptLanguage(r.Header.Get("Accept-Language"))
	return pageWords{l}
}

// T says message key with args, given as name, value pairs. A key the catalog does
// not have is returned as it is.
func (w pageWords) T(key string, args ...string) string {
	var a []i18n.Arg
	for i := 0; i+1 < len(args); i += 2 {
		a = append(a, i18n.S(args[i], args[i+1]))
	}
	return pageMessages.Format(w.lang, i18n.Key(key), a...)
}

// Tag and Dir are the page's lang and dir attributes.
func (w pageWords) Tag() string { return w.lang.Tag() }
func (w pageWords) Dir() string {
	if w.lang.RTL() {
		return "rtl"
	}
	return "ltr"
}

// askedAgo says how long ago a code was asked for; codes live minutes.
func (w pageWords) askedAgo(d time.Duration) string {
	if m := int(d / time.Minute); m >= 1 {
		return pageMessages.Format(w.lang, pgMinutesAgo, i18n.N("n", m))
	}
	return w.T(string(pgJustNow))
}

// The page's messages.
const (
	pgTitle        i18n.Key = "title"
	pgApproved     i18n.Key = "approved"
	pgApprovedHint i18n.Key = "approvedHint"
	pgDenied       i18n.Key = "denied"
	pgDeniedHint   i18n.Key = "deniedHint"
	pgPending      i18n.Key = "pending"
	pgAsked        i18n.Key = "asked"
	pgCodeLabel    i18n.Key = "codeLabel"
	pgCheck        i18n.Key = "check"
	pgWarning      i18n.Key = "warning"
	pgApprove      i18n.Key = "approve"
	pgDeny         i18n.Key = "deny"
	pgSignInTV     i18n.Key = "signInTV"
	pgEnterCode    i18n.Key = "enterCode"
	pgCode         i18n.Key = "code"
	pgContinue     i18n.Key = "continue"
	pgSignInFirst  i18n.Key = "signInToApprove"
	pgEmail        i18n.Key = "email"
	pgPassword     i18n.Key = "password"
	pgSignIn       i18n.Key = "signIn"
	pgErrForm      i18n.Key = "errForm"
	pgErrExpired   i18n.Key = "errExpired"
	pgErrSignIn    i18n.Key = "errSignIn"
	pgErrWrong     i18n.Key = "errWrong"
	pgErrCode      i18n.Key = "errCode"
	// A code on record that can no longer be decided, and why.
	pgErrCodeExpired  i18n.Key = "errCodeExpired"
	pgErrCodeApproved i18n.Key = "errCodeApproved"
	pgErrCodeRefused  i18n.Key = "errCodeRefused"
	pgErrTooMany      i18n.Key = "errTooMany"
	pgErrUnavailable  i18n.Key = "errUnavailable"
	pgErrFailed       i18n.Key = "errFailed"
	pgJustNow         i18n.Key = "justNow"
	pgMinutesAgo      i18n.Key = "minutesAgo"
	pgKindTV          i18n.Key = "tv"
	pgKindConsole     i18n.Key = "console"
	pgKindStick       i18n.Key = "stick"
	pgKindBrowser     i18n.Key = "browser"
	pgKindPhone       i18n.Key = "phone"
	pgKindKiosk       i18n.Key = "kiosk"
	pgKindUnknownKey  i18n.Key = "device"
	pgSignedInAs      i18n.Key = "signedInAs"
	pgSignOut         i18n.Key = "signOut"
)

var pageMessages = i18n.NewCatalog(map[i18n.Lang]i18n.Table{
	i18n.English: {
		{Key: pgTitle, Msg: i18n.Msg{Other: "Sign in a TV · tenfoot"}},
		{Key: pgApproved, Msg: i18n.Msg{Other: "Your TV is signing in"}},
		{Key: pgApprovedHint, Msg: i18n.Msg{Other: "You can put this phone away: the TV shows Who's watching in a few seconds."}},
		{Key: pgDenied, Msg: i18n.Msg{Other: "The TV was not signed in"}},
		{Key: pgDeniedHint, Msg: i18n.Msg{Other: "The TV now shows that you refused. If someone sent you that code or asked you to enter it, they were trying to get into your account: never enter a code you did not see on your own screen."}},
		{Key: pgPending, Msg: i18n.Msg{Other: "Sign in {device} ({kind}) to {name} ({email})?"}},
		{Key: pgAsked, Msg: i18n.Msg{Other: "This {kind} asked for a code {ago}, at {at}."}},
		{Key: pgCodeLabel, Msg: i18n.Msg{Other: "Code {code}"}},
		{Key: pgCheck, Msg: i18n.Msg{Other: "Check that this is the code on your TV's screen."}},
		{Key: pgWarning, Msg: i18n.Msg{Other: "If you did not ask for it yourself, choose Not my TV: signing it in lets whoever holds that TV into your account."}},
		{Key: pgApprove, Msg: i18n.Msg{Other: "Sign in this TV"}},
		{Key: pgDeny, Msg: i18n.Msg{Other: "Not my TV"}},
		{Key: pgSignInTV, Msg: i18n.Msg{Other: "Sign in a TV"}},
		{Key: pgEnterCode, Msg: i18n.Msg{Other: "Enter the code the TV shows."}},
		{Key: pgCode, Msg: i18n.Msg{Other: "Code"}},
		{Key: pgContinue, Msg: i18n.Msg{Other: "Continue"}},
		{Key: pgSignInFirst, Msg: i18n.Msg{Other: "Sign in to approve your TV"}},
		{Key: pgEmail, Msg: i18n.Msg{Other: "Email"}},
		{Key: pgPassword, Msg: i18n.Msg{Other: "Password"}},
		{Key: pgSignIn, Msg: i18n.Msg{Other: "Sign in"}},
		{Key: pgErrForm, Msg: i18n.Msg{Other: "That form could not be read. Please try again."}},
		{Key: pgErrExpired, Msg: i18n.Msg{Other: "This page expired. Please try again."}},
		{Key: pgErrSignIn, Msg: i18n.Msg{Other: "Sign in first."}},
		{Key: pgErrWrong, Msg: i18n.Msg{Other: "That email and password do not match."}},
		{Key: pgErrCode, Msg: i18n.Msg{Other: "That code is not valid. Check it on the TV: it has 8 letters, such as BDFH-JKLM, and works for 10 minutes."}},
		{Key: pgErrCodeExpired, Msg: i18n.Msg{Other: "That code has expired. The TV shows a new one now: enter that one."}},
		{Key: pgErrCodeApproved, Msg: i18n.Msg{Other: "That code was approved already: the TV is signing in, or has. There is nothing more to do."}},
		{Key: pgErrCodeRefused, Msg: i18n.Msg{Other: "That code was refused already, so the TV was not signed in. If it is your TV, it shows a new code now: enter that one."}},
		{Key: pgErrTooMany, Msg: i18n.Msg{Other: "Too many attempts. Wait a little and try again."}},
		{Key: pgErrUnavailable, Msg: i18n.Msg{Other: "The account service is briefly unavailable. Please try again in a moment."}},
		{Key: pgErrFailed, Msg: i18n.Msg{Other: "Something went wrong. Please try again."}},
		{Key: pgJustNow, Msg: i18n.Msg{Other: "just now"}},
		{Key: pgMinutesAgo, Msg: i18n.Msg{One: "1 minute ago", Other: "{n} minutes ago"}},
		{Key: pgKindTV, Msg: i18n.Msg{Other: "TV"}},
		{Key: pgKindConsole, Msg: i18n.Msg{Other: "game console"}},
		{Key: pgKindStick, Msg: i18n.Msg{Other: "streaming stick"}},
		{Key: pgKindBrowser, Msg: i18n.Msg{Other: "web browser"}},
		{Key: pgKindPhone, Msg: i18n.Msg{Other: "phone"}},
		{Key: pgKindKiosk, Msg: i18n.Msg{Other: "shared TV"}},
		{Key: pgKindUnknownKey, Msg: i18n.Msg{Other: "device"}},
		{Key: pgSignedInAs, Msg: i18n.Msg{Other: "Signed in as {name} ({email})"}},
		{Key: pgSignOut, Msg: i18n.Msg{Other: "Sign out"}},
	},
	i18n.German: {
		{Key: pgTitle, Msg: i18n.Msg{Other: "Fernseher anmelden · tenfoot"}},
		{Key: pgApproved, Msg: i18n.Msg{Other: "Dein Fernseher wird angemeldet"}},
		{Key: pgApprovedHint, Msg: i18n.Msg{Other: "Du kannst das Smartphone weglegen: Der Fernseher zeigt in wenigen Sekunden „Wer schaut gerade?“."}},
		{Key: pgDenied, Msg: i18n.Msg{Other: "Der Fernseher wurde nicht angemeldet"}},
		{Key: pgDeniedHint, Msg: i18n.Msg{Other: "Der Fernseher zeigt jetzt, dass du abgelehnt hast. Wenn dir jemand diesen Code geschickt oder dich gebeten hat, ihn einzugeben, wollte er in dein Konto: Gib nie einen Code ein, den du nicht auf deinem eigenen Bildschirm gesehen hast."}},
		{Key: pgPending, Msg: i18n.Msg{Other: "{device} ({kind}) bei {name} ({email}) anmelden?"}},
		{Key: pgAsked, Msg: i18n.Msg{Other: "Dieses Gerät ({kind}) hat {ago} um {at} einen Code angefordert."}},
		{Key: pgCodeLabel, Msg: i18n.Msg{Other: "Code {code}"}},
		{Key: pgCheck, Msg: i18n.Msg{Other: "Prüfe, ob das der Code auf dem Bildschirm deines Fernsehers ist."}},
		{Key: pgWarning, Msg: i18n.Msg{Other: "Wenn du ihn nicht selbst angefordert hast, wähle „Nicht mein Fernseher“: Wer diesen Fernseher hat, käme sonst in dein Konto."}},
		{Key: pgApprove, Msg: i18n.Msg{Other: "Diesen Fernseher anmelden"}},
		{Key: pgDeny, Msg: i18n.Msg{Other: "Nicht mein Fernseher"}},
		{Key: pgSignInTV, Msg: i18n.Msg{Other: "Fernseher anmelden"}},
		{Key: pgEnterCode, Msg: i18n.Msg{Other: "Gib den Code ein, den der Fernseher zeigt."}},
		{Key: pgCode, Msg: i18n.Msg{Other: "Code"}},
		{Key: pgContinue, Msg: i18n.Msg{Other: "Weiter"}},
		{Key: pgSignInFirst, Msg: i18n.Msg{Other: "Melde dich an, um deinen Fernseher zu bestätigen"}},
		{Key: pgEmail, Msg: i18n.Msg{Other: "E-Mail-Adresse"}},
		{Key: pgPassword, Msg: i18n.Msg{Other: "Passwort"}},
		{Key: pgSignIn, Msg: i18n.Msg{Other: "Anmelden"}},
		{Key: pgErrForm, Msg: i18n.Msg{Other: "Das Formular konnte nicht gelesen werden. Bitte versuche es noch einmal."}},
		{Key: pgErrExpired, Msg: i18n.Msg{Other: "Diese Seite ist abgelaufen. Bitte versuche es noch einmal."}},
		{Key: pgErrSignIn, Msg: i18n.Msg{Other: "Melde dich zuerst an."}},
		{Key: pgErrWrong, Msg: i18n.Msg{Other: "E-Mail-Adresse und Passwort passen nicht zusammen."}},
		{Key: pgErrCode, Msg: i18n.Msg{Other: "Dieser Code ist ungültig. Prüfe ihn auf dem Fernseher: Er hat 8 Buchstaben, etwa BDFH-JKLM, und gilt 10 Minuten."}},
		{Key: pgErrCodeExpired, Msg: i18n.Msg{Other: "Dieser Code ist abgelaufen. Der Fernseher zeigt jetzt einen neuen: Gib diesen ein."}},
		{Key: pgErrCodeApproved, Msg: i18n.Msg{Other: "Dieser Code wurde schon bestätigt: Der Fernseher wird angemeldet oder ist es schon. Du musst nichts mehr tun."}},
		{Key: pgErrCodeRefused, Msg: i18n.Msg{Other: "Dieser Code wurde schon abgelehnt, der Fernseher wurde also nicht angemeldet. Wenn es dein Fernseher ist, zeigt er jetzt einen neuen Code: Gib diesen ein."}},
		{Key: pgErrTooMany, Msg: i18n.Msg{Other: "Zu viele Versuche. Warte kurz und versuche es noch einmal."}},
		{Key: pgErrUnavailable, Msg: i18n.Msg{Other: "Der Kontodienst ist kurz nicht erreichbar. Bitte versuche es gleich noch einmal."}},
		{Key: pgErrFailed, Msg: i18n.Msg{Other: "Etwas ist schiefgelaufen. Bitte versuche es noch einmal."}},
		{Key: pgJustNow, Msg: i18n.Msg{Other: "gerade eben"}},
		{Key: pgMinutesAgo, Msg: i18n.Msg{One: "vor 1 Minute", Other: "vor {n} Minuten"}},
		{Key: pgKindTV, Msg: i18n.Msg{Other: "Fernseher"}},
		{Key: pgKindConsole, Msg: i18n.Msg{Other: "Spielkonsole"}},
		{Key: pgKindStick, Msg: i18n.Msg{Other: "Streaming-Stick"}},
		{Key: pgKindBrowser, Msg: i18n.Msg{Other: "Webbrowser"}},
		{Key: pgKindPhone, Msg: i18n.Msg{Other: "Smartphone"}},
		{Key: pgKindKiosk, Msg: i18n.Msg{Other: "gemeinsamer Fernseher"}},
		{Key: pgKindUnknownKey, Msg: i18n.Msg{Other: "Gerät"}},
		{Key: pgSignedInAs, Msg: i18n.Msg{Other: "Angemeldet als {name} ({email})"}},
		{Key: pgSignOut, Msg: i18n.Msg{Other: "Abmelden"}},
	},
	i18n.Arabic: {
		{Key: pgTitle, Msg: i18n.Msg{Other: "تسجيل دخول تلفاز · tenfoot"}},
		{Key: pgApproved, Msg: i18n.Msg{Other: "يسجّل تلفازك الدخول الآن"}},
		{Key: pgApprovedHint, Msg: i18n.Msg{Other: "يمكنك وضع هذا الهاتف جانبًا: سيعرض التلفاز «من يشاهد؟» خلال ثوانٍ."}},
		{Key: pgDenied, Msg: i18n.Msg{Other: "لم يُسجَّل دخول التلفاز"}},
		{Key: pgDeniedHint, Msg: i18n.Msg{Other: "يعرض التلفاز الآن أنك رفضت. إذا أرسل إليك أحد هذا الرمز أو طلب منك إدخاله، فقد كان يحاول الدخول إلى حسابك: لا تُدخل أبدًا رمزًا لم تره على شاشتك."}},
		{Key: pgPending, Msg: i18n.Msg{Other: "هل تريد تسجيل دخول {device} ({kind}) إلى حساب {name} ({email})؟"}},
		{Key: pgAsked, Msg: i18n.Msg{Other: "طلب هذا الجهاز ({kind}) رمزًا {ago}، في {at}."}},
		{Key: pgCodeLabel, Msg: i18n.Msg{Other: "الرمز {code}"}},
		{Key: pgCheck, Msg: i18n.Msg{Other: "تحقّق من أن هذا هو الرمز الظاهر على شاشة تلفازك."}},
		{Key: pgWarning, Msg: i18n.Msg{Other: "إذا لم تطلبه بنفسك، فاختر «ليس تلفازي»: تسجيل دخوله يتيح لمن يملك ذلك التلفاز الدخول إلى حسابك."}},
		{Key: pgApprove, Msg: i18n.Msg{Other: "تسجيل دخول هذا التلفاز"}},
		{Key: pgDeny, Msg: i18n.Msg{Other: "ليس تلفازي"}},
		{Key: pgSignInTV, Msg: i18n.Msg{Other: "تسجيل دخول تلفاز"}},
		{Key: pgEnterCode, Msg: i18n.Msg{Other: "أدخل الرمز الذي يعرضه التلفاز."}},
		{Key: pgCode, Msg: i18n.Msg{Other: "الرمز"}},
		{Key: pgContinue, Msg: i18n.Msg{Other: "متابعة"}},
		{Key: pgSignInFirst, Msg: i18n.Msg{Other: "سجّل الدخول للموافقة على تلفازك"}},
		{Key: pgEmail, Msg: i18n.Msg{Other: "البريد الإلكتروني"}},
		{Key: pgPassword, Msg: i18n.Msg{Other: "كلمة المرور"}},
		{Key: pgSignIn, Msg: i18n.Msg{Other: "تسجيل الدخول"}},
		{Key: pgErrForm, Msg: i18n.Msg{Other: "تعذّرت قراءة النموذج. حاول مرة أخرى."}},
		{Key: pgErrExpired, Msg: i18n.Msg{Other: "انتهت صلاحية هذه الصفحة. حاول مرة أخرى."}},
		{Key: pgErrSignIn, Msg: i18n.Msg{Other: "سجّل الدخول أولًا."}},
		{Key: pgErrWrong, Msg: i18n.Msg{Other: "البريد الإلكتروني وكلمة المرور غير متطابقين."}},
		{Key: pgErrCode, Msg: i18n.Msg{Other: "هذا الرمز غير صالح. تحقّق منه على التلفاز: يتكون من 8 أحرف، مثل BDFH-JKLM، ويعمل لمدة 10 دقائق."}},
		{Key: pgErrCodeExpired, Msg: i18n.Msg{Other: "انتهت صلاحية هذا الرمز. يعرض التلفاز الآن رمزًا جديدًا: أدخل ذلك الرمز."}},
		{Key: pgErrCodeApproved, Msg: i18n.Msg{Other: "تمت الموافقة على هذا الرمز من قبل: التلفاز يسجّل الدخول الآن أو سجّله. لا يلزمك فعل شيء آخر."}},
		{Key: pgErrCodeRefused, Msg: i18n.Msg{Other: "رُفض هذا الرمز من قبل، فلم يُسجَّل دخول التلفاز. إذا كان تلفازك، فهو يعرض الآن رمزًا جديدًا: أدخل ذلك الرمز."}},
		{Key: pgErrTooMany, Msg: i18n.Msg{Other: "محاولات كثيرة جدًا. انتظر قليلًا وحاول مرة أخرى."}},
		{Key: pgErrUnavailable, Msg: i18n.Msg{Other: "خدمة الحسابات غير متاحة لفترة قصيرة. حاول مرة أخرى بعد قليل."}},
		{Key: pgErrFailed, Msg: i18n.Msg{Other: "حدث خطأ ما. حاول مرة أخرى."}},
		{Key: pgJustNow, Msg: i18n.Msg{Other: "الآن"}},
		{Key: pgMinutesAgo, Msg: i18n.Msg{Zero: "منذ {n} دقيقة", One: "منذ دقيقة", Two: "منذ دقيقتين", Few: "منذ {n} دقائق", Many: "منذ {n} دقيقة", Other: "منذ {n} دقيقة"}},
		{Key: pgKindTV, Msg: i18n.Msg{Other: "تلفاز"}},
		{Key: pgKindConsole, Msg: i18n.Msg{Other: "جهاز ألعاب"}},
		{Key: pgKindStick, Msg: i18n.Msg{Other: "عصا بث"}},
		{Key: pgKindBrowser, Msg: i18n.Msg{Other: "متصفح ويب"}},
		{Key: pgKindPhone, Msg: i18n.Msg{Other: "هاتف"}},
		{Key: pgKindKiosk, Msg: i18n.Msg{Other: "تلفاز مشترك"}},
		{Key: pgKindUnknownKey, Msg: i18n.Msg{Other: "جهاز"}},
		{Key: pgSignedInAs, Msg: i18n.Msg{Other: "تم تسجيل الدخول باسم {name} ({email})"}},
		{Key: pgSignOut, Msg: i18n.Msg{Other: "تسجيل الخروج"}},
	},
	i18n.Japanese: {
		{Key: pgTitle, Msg: i18n.Msg{Other: "テレビでログイン · tenfoot"}},
		{Key: pgApproved, Msg: i18n.Msg{Other: "テレビがログインしています"}},
		{Key: pgApprovedHint, Msg: i18n.Msg{Other: "スマートフォンはもう置いてかまいません。数秒でテレビに「だれが視聴しますか？」が表示されます。"}},
		{Key: pgDenied, Msg: i18n.Msg{Other: "テレビはログインしませんでした"}},
		{Key: pgDeniedHint, Msg: i18n.Msg{Other: "テレビには拒否されたことが表示されています。このコードをだれかから送られたり、入力するよう頼まれたりした場合、その人はあなたのアカウントに入ろうとしていました。ご自分の画面で見ていないコードは絶対に入力しないでください。"}},
		{Key: pgPending, Msg: i18n.Msg{Other: "{device}（{kind}）を{name}（{email}）にログインさせますか？"}},
		{Key: pgAsked, Msg: i18n.Msg{Other: "この{kind}は{ago}（{at}）にコードを要求しました。"}},
		{Key: pgCodeLabel, Msg: i18n.Msg{Other: "コード {code}"}},
		{Key: pgCheck, Msg: i18n.Msg{Other: "テレビの画面のコードと同じか確認してください。"}},
		{Key: pgWarning, Msg: i18n.Msg{Other: "ご自分で要求したのでなければ「自分のテレビではない」を選んでください。ログインさせると、そのテレビを持つ人があなたのアカウントに入れます。"}},
		{Key: pgApprove, Msg: i18n.Msg{Other: "このテレビをログインさせる"}},
		{Key: pgDeny, Msg: i18n.Msg{Other: "自分のテレビではない"}},
		{Key: pgSignInTV, Msg: i18n.Msg{Other: "テレビでログイン"}},
		{Key: pgEnterCode, Msg: i18n.Msg{Other: "テレビに表示されているコードを入力してください。"}},
		{Key: pgCode, Msg: i18n.Msg{Other: "コード"}},
		{Key: pgContinue, Msg: i18n.Msg{Other: "続ける"}},
		{Key: pgSignInFirst, Msg: i18n.Msg{Other: "テレビを承認するにはログインしてください"}},
		{Key: pgEmail, Msg: i18n.Msg{Other: "メールアドレス"}},
		{Key: pgPassword, Msg: i18n.Msg{Other: "パスワード"}},
		{Key: pgSignIn, Msg: i18n.Msg{Other: "ログイン"}},
		{Key: pgErrForm, Msg: i18n.Msg{Other: "フォームを読み取れませんでした。もう一度お試しください。"}},
		{Key: pgErrExpired, Msg: i18n.Msg{Other: "このページの有効期限が切れました。もう一度お試しください。"}},
		{Key: pgErrSignIn, Msg: i18n.Msg{Other: "先にログインしてください。"}},
		{Key: pgErrWrong, Msg: i18n.Msg{Other: "メールアドレスとパスワードが一致しません。"}},
		{Key: pgErrCode, Msg: i18n.Msg{Other: "このコードは無効です。テレビで確認してください。コードはBDFH-JKLMのような8文字で、10分間有効です。"}},
		{Key: pgErrCodeExpired, Msg: i18n.Msg{Other: "このコードは有効期限が切れました。テレビに新しいコードが表示されているので、そちらを入力してください。"}},
		{Key: pgErrCodeApproved, Msg: i18n.Msg{Other: "このコードはすでに承認されています。テレビはログイン中か、ログイン済みです。これ以上の操作は不要です。"}},
		{Key: pgErrCodeRefused, Msg: i18n.Msg{Other: "このコードはすでに拒否されたため、テレビはログインしませんでした。ご自分のテレビなら新しいコードが表示されているので、そちらを入力してください。"}},
		{Key: pgErrTooMany, Msg: i18n.Msg{Other: "試行回数が多すぎます。しばらく待ってから、もう一度お試しください。"}},
		{Key: pgErrUnavailable, Msg: i18n.Msg{Other: "アカウントサービスが一時的に利用できません。少し待ってから、もう一度お試しください。"}},
		{Key: pgErrFailed, Msg: i18n.Msg{Other: "問題が発生しました。もう一度お試しください。"}},
		{Key: pgJustNow, Msg: i18n.Msg{Other: "たった今"}},
		{Key: pgMinutesAgo, Msg: i18n.Msg{Other: "{n}分前"}},
		{Key: pgKindTV, Msg: i18n.Msg{Other: "テレビ"}},
		{Key: pgKindConsole, Msg: i18n.Msg{Other: "ゲーム機"}},
		{Key: pgKindStick, Msg: i18n.Msg{Other: "ストリーミングスティック"}},
		{Key: pgKindBrowser, Msg: i18n.Msg{Other: "ウェブブラウザ"}},
		{Key: pgKindPhone, Msg: i18n.Msg{Other: "スマートフォン"}},
		{Key: pgKindKiosk, Msg: i18n.Msg{Other: "共用テレビ"}},
		{Key: pgKindUnknownKey, Msg: i18n.Msg{Other: "デバイス"}},
		{Key: pgSignedInAs, Msg: i18n.Msg{Other: "{name}（{email}）でログイン中"}},
		{Key: pgSignOut, Msg: i18n.Msg{Other: "ログアウト"}},
	},
})
