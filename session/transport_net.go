//go:build !js

package session

import (
	"bytes"
	"context"
	"io"
	"net/http"
)

// netTransport sends requests with net/http.
type netTransport struct {
	client *http.Client
}

// newTransport returns a transport that follows no redirect: the service's API
// never redirects, so one is the network's doing (a hotel's sign-in page), and
// the client takes it for offline.
func newTransport() transport {
	return netTransport{client: &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (t netTransport) do(ctx context.Context, method, url string, header map[string]string, body []byte) (*response, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return nil, err
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := t.client.Do(req)
	if err != nil {
		return nil, err
	}
	return &response{status: resp.StatusCode, header: resp.Header.Get, body: resp.Body}, nil
}
