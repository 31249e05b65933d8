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

func newTransport() transport { return netTransport{client: &http.Client{}} }

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
