package main

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
)

// serveDebug serves Go's profiles on addr, apart from the API, so that an operator
// can see where tenfootd spends its time under load without exposing them to the
// devices, and the metrics beside them. It returns a function that stops serving.
func serveDebug(addr string, stdout io.Writer, m *metrics, log *slog.Logger) (stop func(), err error) {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	mux.Handle("GET /metrics", m.handler())
	return serveApart("-debug-addr", addr, mux, stdout, m, log, "profiles at http://%s/debug/pprof/")
}

// serveMetrics serves the metrics, /livez and /readyz on addr, apart from the API:
// for Prometheus and Kubernetes' probes on a port the devices never reach. It
// returns a function that stops serving.
func serveMetrics(addr string, stdout io.Writer, m *metrics, h *health, log *slog.Logger) (stop func(), err error) {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.handler())
	h.routes(mux, true)
	return serveApart("-metrics-addr", addr, mux, stdout, m, log, "metrics at http://%s/metrics")
}

// serveApart serves handler on addr, named by flag in errors and in the log, and
// says where on stdout, as format with the address bound. It holds apartConns
// connections at most.
func serveApart(flag, addr string, handler http.Handler, stdout io.Writer, m *metrics, log *slog.Logger, format string) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", flag, err)
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: readHeaderTimeout, MaxHeaderBytes: maxHeaderBytes,
		ErrorLog: serverLog(log, flag)}
	go srv.Serve(newConnGate(apartConns, m).serve(srv, ln))
	fmt.Fprintf(stdout, "tenfootd: "+format+"\n", ln.Addr())
	return func() { srv.Close() }, nil
}
