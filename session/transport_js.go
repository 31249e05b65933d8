//go:build js

package session

import (
	"context"
	"errors"
	"io"
	"syscall/js"
)

// fetchTransport sends requests with the browser's fetch, streaming the response
// body through its ReadableStream. It must not be called from a JavaScript callback,
// which cannot wait; App runs service calls in their own goroutines.
type fetchTransport struct{}

func newTransport() transport { return fetchTransport{} }

func (fetchTransport) do(ctx context.Context, method, url string, header map[string]string, body []byte) (*response, error) {
	opts := js.Global().Get("Object").New()
	opts.Set("method", method)
	h := js.Global().Get("Headers").New()
	for k, v := range header {
		h.Call("set", k, v)
	}
	opts.Set("headers", h)
	opts.Set("cache", "no-store")
	opts.Set("redirect", "error") // the API never redirects: a network's sign-in page does
	if body != nil {
		arr := js.Global().Get("Uint8Array").New(len(body))
		js.CopyBytesToJS(arr, body)
		opts.Set("body", arr)
	}
	abort := js.Global().Get("AbortController").New()
	opts.Set("signal", abort.Get("signal"))

	result, err := await(ctx, js.Global().Call("fetch", url, opts), abort)
	if err != nil {
		return nil, err
	}
	headers := result.Get("headers")
	resp := &response{
		status: result.Get("status").Int(),
		header: func(name string) string {
			v := headers.Call("get", name)
			if v.IsNull() {
				return ""
			}
			return v.String()
		},
		body: &streamBody{ctx: ctx, reader: result.Get("body").Call("getReader"), abort: abort},
	}
	return resp, nil
}

// await waits for a promise, aborting the request if ctx ends first.
func await(ctx context.Context, promise, abort js.Value) (js.Value, error) {
	type outcome struct {
		v   js.Value
		err error
	}
	done := make(chan outcome, 1)
	ok := js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- outcome{v: args[0]}
		return nil
	})
	fail := js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- outcome{err: errors.New(args[0].Get("message").String())}
		return nil
	})
	defer ok.Release()
	defer fail.Release()
	promise.Call("then", ok, fail)
	select {
	case o := <-done:
		return o.v, o.err
	case <-ctx.Done():
		abort.Call("abort")
		<-done // the promise settles, rejected, once aborted
		return js.Value{}, ctx.Err()
	}
}

// streamBody reads a fetch response's ReadableStream as it arrives.
type streamBody struct {
	ctx     context.Context
	reader  js.Value
	abort   js.Value
	pending []byte
	err     error
}

// Read implements io.Reader, waiting for the next chunk of the stream.
func (b *streamBody) Read(p []byte) (int, error) {
	for len(b.pending) == 0 {
		if b.err != nil {
			return 0, b.err
		}
		chunk, err := await(b.ctx, b.reader.Call("read"), b.abort)
		if err != nil {
			b.err = err
			return 0, err
		}
		if chunk.Get("done").Bool() {
			b.err = io.EOF
			return 0, io.EOF
		}
		v := chunk.Get("value")
		b.pending = make([]byte, v.Get("byteLength").Int())
		js.CopyBytesToGo(b.pending, v)
	}
	n := copy(p, b.pending)
	b.pending = b.pending[n:]
	return n, nil
}

// Close implements io.Closer, cancelling the rest of the stream.
func (b *streamBody) Close() error {
	if b.err == nil {
		b.err = errors.New("session: response body closed")
		b.reader.Call("cancel")
	}
	return nil
}
