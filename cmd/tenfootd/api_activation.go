package main

import (
	"net/http"

	"tenfoot/session"
)

// describe says what approving a code would sign in, for the approver to check.
func (a *api) describe(w http.ResponseWriter, r *http.Request) {
	var req session.ApproveRequest
	if err := decode(w, r, &req); err != nil {
		a.fail(w, err)
		return
	}
	p, err := a.svc.DescribeDeviceAuth(r.Context(), bearer(r), req.UserCode)
	a.respond(w, p, err)
}

// deny refuses a code whose device is not the approver's.
func (a *api) deny(w http.ResponseWriter, r *http.Request) {
	var req session.ApproveRequest
	if err := decode(w, r, &req); err != nil {
		a.fail(w, err)
		return
	}
	a.respond(w, map[string]bool{"denied": true}, a.svc.DenyDeviceAuth(r.Context(), bearer(r), req.UserCode))
}
