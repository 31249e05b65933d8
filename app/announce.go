package app

import "tenfoot/screens"

// Announce returns what a screen reader should say about what changed since the last
// call: a toast that has just appeared (what happened), then what ui.Announcer says
// (where the person is now, focus last); "" when nothing a listener needs changed.
// Hosts call it whenever Revision moves and speak the answer: the browser in its live
// region, the native app with -announce.
func (a *App) Announce() string {
	a.announcer.Words = a.env.Words()
	title := a.Title()
	if p, ok := a.top().screen.(screens.Paced); ok {
		title = p.SpokenTitle()
	}
	spoken := a.announcer.Announce(title, a.View())
	switch {
	case a.toast == nil:
		a.toastSaid = ""
	case a.toast.Label != a.toastSaid:
		a.toastSaid = a.toast.Label
		if spoken != "" {
			return a.toast.Label + " " + spoken
		}
		return a.toast.Label
	}
	return spoken
}
