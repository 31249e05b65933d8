package screens

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/i18n"
	"tenfoot/session"
)

// TestEveryLanguageHasEveryMessage checks the catalog as a translator's tool would:
// every message of English in every language, every plural form the language's
// CLDR rules use for a message that counts, and every argument of the English in
// every form, so that no translation drops a name, an email or a title.
func TestEveryLanguageHasEveryMessage(t *testing.T) {
	for _, l := range i18n.Langs {
		t.Run(l.Tag(), func(t *testing.T) {
			for k, en := range messages[i18n.English] {
				m, ok := messages[l][k]
				if !assert.True(t, ok, "%s has no %q (English: %q)", l, k, en.Other) {
					continue
				}
				counts := en.One != ""
				forms := []i18n.Form{i18n.Other}
				if counts {
					forms = l.Forms()
				}
				for _, f := range forms {
					s := m.Form(f)
					if counts && f != i18n.Other {
						assert.NotEmpty(t, [...]string{i18n.Zero: m.Zero, i18n.One: m.One, i18n.Two: m.Two, i18n.Few: m.Few, i18n.Many: m.Many}[f],
							"%s %q has no %s form", l, k, f)
					}
					for _, arg := range placeholders(en) {
						if arg == "n" && (f == i18n.Zero || f == i18n.One || f == i18n.Two) {
							continue // "1 title", "عنوانان": the word says the number
						}
						assert.Contains(t, s, "{"+arg+"}", "%s %q (%s) drops {%s}", l, k, f, arg)
					}
					for _, arg := range i18n.Placeholders(s) {
						assert.Contains(t, placeholders(en), arg, "%s %q (%s) has {%s}, which English does not", l, k, f, arg)
					}
					assert.NotEqual(t, strings.TrimSpace(s), "", "%s %q is empty", l, k)
				}
			}
			for k := range messages[l] {
				_, ok := messages[i18n.English][k]
				assert.True(t, ok, "%s has %q, which English does not", l, k)
			}
		})
	}
}

// placeholders returns the arguments of every form of m, once each.
func placeholders(m i18n.Msg) []string {
	var out []string
	for _, s := range []string{m.Other, m.Zero, m.One, m.Two, m.Few, m.Many} {
		for _, p := range i18n.Placeholders(s) {
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// TestTranslationsAreNotEnglish catches a message copied over untranslated; the
// few that are the same in both (a product name, "PIN") are listed.
func TestTranslationsAreNotEnglish(t *testing.T) {
	same := map[i18n.Lang][]i18n.Key{
		i18n.German:   {msgDeviceAndKind, msgSpokenComma, msgSentences, msgPause, msgDownloads, msgVersion, msgPINLocked, msgListMore, msgProfileName},
		i18n.Japanese: {msgDeviceAndKind, msgPINLocked},
		i18n.Arabic:   {msgDeviceAndKind, msgSentences, msgPINLocked, msgKeyShift},
	}
	for _, l := range []i18n.Lang{i18n.German, i18n.Arabic, i18n.Japanese} {
		for k, en := range messages[i18n.English] {
			if slices.Contains(same[l], k) {
				continue
			}
			assert.NotEqual(t, en.Other, messages[l][k].Other, "%s %q is English", l, k)
		}
	}
}

func TestSignOutWordsInEveryLanguage(t *testing.T) {
	plan := signOutPlanForTest()
	for l, want := range map[i18n.Lang][2]string{
		i18n.English:  {"Sign out of Ana (a•••@example.com)?", "2 downloads in progress will be cancelled. 3 downloaded titles will be deleted."},
		i18n.German:   {"Von Ana (a•••@example.com) abmelden?", "2 laufende Downloads werden abgebrochen. 3 heruntergeladene Titel werden gelöscht."},
		i18n.Japanese: {"Ana（a•••@example.com）からログアウトしますか？", "ダウンロード中の2件がキャンセルされます。ダウンロード済みの3作品が削除されます。"},
		i18n.Arabic: {"هل تريد تسجيل الخروج من حساب " + i18n.FSI + "Ana" + i18n.PDI + " (" + i18n.FSI + "a•••@example.com" + i18n.PDI + ")؟",
			"سيُلغى تنزيلان جاريان. ستُحذف 3 عناوين منزَّلة."},
	} {
		env := &Env{Language: l}
		assert.Equal(t, want[0], env.msgSignOutQuestion(plan), l)
		assert.Equal(t, want[1], env.msgPlanWarning(plan), l)
	}
}

func signOutPlanForTest() session.SignOutPlan {
	return session.SignOutPlan{AccountName: "Ana", MaskedEmail: "a•••@example.com", Profiles: []string{"Ana", "Ben"},
		InProgress: []string{"Summit", "North Ridge"}, Downloaded: []string{"Meridian", "Harbour", "Kite"}}
}

func TestEveryAvatarHasAName(t *testing.T) {
	require.Len(t, avatarNames, len(avatarWords[i18n.English]))
	for _, l := range i18n.Langs {
		for i, a := range avatarNames {
			assert.Equal(t, avatarWords[l][i], (&Env{Language: l}).t(i18n.Key("avatar."+a)), "%s %s", l, a)
		}
	}
	assert.Equal(t, "Bild: Eule", (&Env{Language: i18n.German}).t(msgPictureName, i18n.S("avatar", (&Env{Language: i18n.German}).t("avatar.owl"))))
}
