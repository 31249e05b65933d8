package screens

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"tenfoot/i18n"
	"tenfoot/session"
)

func TestErrorsInWords(t *testing.T) {
	env := &Env{}
	errorText := env.errorText
	assert.Equal(t, messages[i18n.English][msgOffline].Other, errorText(session.ErrOffline))
	assert.Equal(t, "Too many attempts. Try again in 15 minutes.", errorText(&session.RateLimitError{RetryAfter: 15 * time.Minute}))
	assert.Equal(t, "Too many attempts. Try again in 30 seconds.", errorText(&session.RateLimitError{RetryAfter: 30 * time.Second}))
	assert.Contains(t, errorText(context.DeadlineExceeded), "Something went wrong")
}

func TestDownloadsLostAreNamed(t *testing.T) {
	for _, c := range []struct {
		name                   string
		inProgress, downloaded []string
		want                   string
	}{
		{"nothing", nil, nil, ""},
		{"one still downloading", []string{"Summit"}, nil, "1 download in progress will be cancelled: Summit."},
		{"two still downloading", []string{"The Long Tide", "North Ridge"}, nil,
			"2 downloads in progress will be cancelled: The Long Tide and North Ridge."},
		{"both kinds", []string{"Summit"}, []string{"Meridian", "Harbour", "Kite"},
			"1 download in progress will be cancelled: Summit. 3 downloaded titles will be deleted: Meridian, Harbour and Kite."},
		{"too many to name", nil, []string{"A", "B", "C", "D", "E"}, "5 downloaded titles will be deleted: A, B, C and 2 more."},
	} {
		t.Run(c.name, func(t *testing.T) {
			plan := session.SignOutPlan{InProgress: c.inProgress, Downloaded: c.downloaded}
			assert.Equal(t, c.want, (&Env{}).msgDownloadsLost(plan))
		})
	}
}
