package main

import (
	"context"
	"net/http"

	"tenfoot/session"
)

// describe says what approving a code would sign in, for the approver to check.
func (a *api) describe(w http.ResponseWriter, r *http.Request) {
	a.onUserCode(w, r, func(ctx context.Context, token, code string) (any, error) {
		return a.svc.DescribeDeviceAuth(ctx, token, code)
	})
}

// deny refuses a code whose device is not the approver's.
func (a *api) deny(w http.ResponseWriter, r *http.Request) {
	a.onUserCode(w, r, func(ctx context.Context, token, code string) (any, error) {
		return map[string]bool{"denied": true}, a.svc.DenyDeviceAuth(ctx, token, code)
	})
}

// onUserCode answers a request about the user code in its body with what do
// returns.
func (a *api) onUserCode(w http.ResponseWriter, r *http.Request, do func(ctx context.Context, token, code string) (any, error)) {
	var req session.ApproveRequest
	if err := decode(w, r, &req); err != nil {
		a.fail(w, r, err)
		return
	}
	v, err := do(r.Context(), bearer(r), req.UserCode)
	a.respond(w, r, v, err)
}
