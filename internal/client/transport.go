package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/google/go-querystring/query"
)

// service tells which API a transport talks to (it changes the headers and the error hints).
type service int

const (
	serviceIsometric service = iota
	serviceICR
)

// name is the API's name in error messages.
func (s service) name() string {
	if s == serviceICR {
		return "ICR API"
	}
	return "Isometric Registry API"
}

// transport sends requests with auth headers, retries, logging and error typing.
type transport struct {
	service      service
	base         *url.URL
	userAgent    string
	hc           *http.Client
	maxRetries   int
	waitMin      time.Duration
	waitMax      time.Duration
	logger       func(ctx context.Context, e RequestLog)
	clientSecret string
	accessToken  string
	redact       *redactor
	// sleep waits d or until ctx is done (replaceable in tests).
	sleep func(ctx context.Context, d time.Duration) error
}

// defaultHTTPTimeout is the timeout of the default HTTP client.
const defaultHTTPTimeout = 60 * time.Second

// maxRetryAfterWait is the longest Retry-After the client waits for; a longer one ends the call
// with the *APIError (its RetryAfter tells the wait).
const maxRetryAfterWait = 5 * time.Minute

// maxErrorBody bounds how much of an error body is read and kept.
const maxErrorBody = 64 << 10

// newTransport returns the transport of svc for cfg, whose empty BaseURL means defaultBase. The
// ICR sends no client secret: NewICR leaves cfg.ClientSecret empty.
func newTransport(svc service, defaultBase string, cfg Config) (*transport, error) {
	base := cfg.BaseURL
	if strings.TrimSpace(base) == "" {
		base = defaultBase
	}
	u, err := parseBaseURL(base)
	if err != nil {
		return nil, err
	}
	t := &transport{
		service:      svc,
		base:         u,
		userAgent:    cfg.UserAgent,
		hc:           cfg.HTTPClient,
		maxRetries:   cfg.MaxRetries,
		waitMin:      cfg.RetryWaitMin,
		waitMax:      cfg.RetryWaitMax,
		logger:       cfg.Logger,
		clientSecret: cfg.ClientSecret,
		accessToken:  cfg.AccessToken,
		redact:       newRedactor(cfg.ClientSecret, cfg.AccessToken),
		sleep:        sleepCtx,
	}
	if strings.TrimSpace(t.userAgent) == "" {
		t.userAgent = DefaultUserAgent
	}
	if t.hc == nil {
		t.hc = &http.Client{Timeout: defaultHTTPTimeout}
	}
	if t.maxRetries == 0 {
		t.maxRetries = DefaultMaxRetries
	} else if t.maxRetries < 0 {
		t.maxRetries = 0
	}
	if t.waitMin <= 0 {
		t.waitMin = DefaultRetryWaitMin
	}
	if t.waitMax <= 0 {
		t.waitMax = DefaultRetryWaitMax
	}
	if t.waitMax < t.waitMin {
		t.waitMax = t.waitMin
	}
	return t, nil
}

// route is the path of a request, relative to the base URL and with its IDs escaped, or the
// reason the request cannot be sent.
type route struct {
	path string
	err  error
}

// fixed is the route of a path without IDs.
func fixed(path string) route { return route{path: path} }

// withID is the route of format (a path with one %s) with id escaped into it. An empty id gives a
// route that fails without a request; what names the ID in that error, e.g. "order".
func withID(what, format, id string) route {
	if strings.TrimSpace(id) == "" {
		return route{err: fmt.Errorf("%s ID must not be empty", what)}
	}
	return route{path: fmt.Sprintf(format, url.PathEscape(id))}
}

// get sends a GET of r with the query of opts (nil for none) and decodes the answer into a T.
func get[T any](ctx context.Context, t *transport, r route, opts queryOptions) (*T, error) {
	return send[T](ctx, t, r, apiRequest{method: http.MethodGet, options: opts})
}

// getNullable is get for the endpoints whose 200 answer is the JSON null for an object that is
// not visible: that answer is ErrNotFound.
func getNullable[T any](ctx context.Context, t *transport, r route) (*T, error) {
	return send[T](ctx, t, r, apiRequest{method: http.MethodGet, nullIsNotFound: true})
}

// post sends a POST of path with body as JSON and decodes the answer into a T.
func post[T any](ctx context.Context, t *transport, path string, body any) (*T, error) {
	return send[T](ctx, t, fixed(path), apiRequest{method: http.MethodPost, body: body, hasBody: true})
}

// send runs req at r and decodes the answer into a new T.
func send[T any](ctx context.Context, t *transport, r route, req apiRequest) (*T, error) {
	if r.err != nil {
		return nil, r.err
	}
	req.path = r.path
	var out T
	if err := t.do(ctx, &req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// queryOptions is implemented by every options type. valid checks the options against the API's
// limits (wrapping ErrInvalidOptions); the fields' `url` tags name the query parameters, and
// github.com/google/go-querystring encodes them: zero values left out, a slice as one repeated
// parameter per element, embedded structs (ListOptions) flattened.
type queryOptions interface {
	valid() error
}

// encodeQuery checks opts and returns its query (empty for nil, including a typed nil pointer,
// whose valid is not called).
func encodeQuery(opts queryOptions) (url.Values, error) {
	if opts == nil {
		return nil, nil
	}
	if v := reflect.ValueOf(opts); v.Kind() == reflect.Pointer && v.IsNil() {
		return nil, nil
	}
	if err := opts.valid(); err != nil {
		return nil, err
	}
	return query.Values(opts)
}

// apiRequest is one logical call (possibly several HTTP attempts).
type apiRequest struct {
	method string
	// path is relative to the base URL, starts with "/", and has its IDs already escaped.
	path           string
	options        queryOptions
	body           any
	hasBody        bool
	nullIsNotFound bool
}

// fullPath is the URL path including the base path (what is logged and put in errors).
func (t *transport) fullPath(p string) string { return t.base.Path + p }

// do runs the call: it retries per the rules of the package and decodes a 2xx body into out.
func (t *transport) do(ctx context.Context, r *apiRequest, out any) error {
	if ctx == nil {
		ctx = context.Background()
	}
	q, err := encodeQuery(r.options)
	if err != nil {
		return fmt.Errorf("%s %s: %w", r.method, r.path, err)
	}
	var body []byte
	if r.hasBody {
		b, err := json.Marshal(r.body)
		if err != nil {
			return fmt.Errorf("%s %s: encoding request body: %w", r.method, r.path, err)
		}
		body = b
	}
	u, err := url.Parse(t.base.String() + r.path)
	if err != nil {
		return fmt.Errorf("%s %s: building URL: %w", r.method, r.path, err)
	}
	if len(q) > 0 {
		u.RawQuery = q.Encode()
	}
	logPath := u.EscapedPath()
	idempotent := r.method == http.MethodGet || r.method == http.MethodHead

	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		res := t.attempt(ctx, r.method, u.String(), logPath, body, r.hasBody, attempt)

		if res.err == nil {
			err := t.decodeSuccess(r, logPath, res, out)
			var ae *APIError
			if err != nil && !idempotent && !errors.As(err, &ae) {
				// The server accepted the request but its answer is unreadable: the operation
				// probably happened, and the caller must look it up rather than resend it.
				return &OutcomeUnknownError{Method: r.method, Path: logPath, Err: err}
			}
			return err
		}

		retryable := false
		var wait time.Duration
		switch {
		case res.apiErr != nil && res.status == http.StatusTooManyRequests:
			// The server refused the request: safe to retry for every method.
			retryable = true
			wait = res.apiErr.RetryAfter
		case res.apiErr != nil && res.status >= 500:
			retryable = idempotent && res.status != http.StatusNotImplemented
			wait = res.apiErr.RetryAfter
		case res.apiErr != nil:
			retryable = false
		default: // transport error
			if ctx.Err() != nil {
				retryable = false
			} else if idempotent {
				retryable = true
			} else {
				retryable = !res.maybeSent
			}
		}

		if !retryable || attempt > t.maxRetries {
			return t.finalError(ctx, r, logPath, res)
		}
		if wait <= 0 {
			wait = t.backoff(attempt)
		}
		if wait > maxRetryAfterWait {
			// The server asked for a long pause: report it rather than block.
			return t.finalError(ctx, r, logPath, res)
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			// Waiting would outlive the caller's deadline: give up now with the real cause.
			return t.finalError(ctx, r, logPath, res)
		}
		if err := t.sleep(ctx, wait); err != nil {
			return t.finalError(ctx, r, logPath, res)
		}
	}
}

// attemptResult is what one HTTP attempt gave.
type attemptResult struct {
	status int
	header http.Header
	body   []byte
	// err is a transport error (redacted) or apiErr.
	err    error
	apiErr *APIError
	// maybeSent is false only when the request certainly never left the client (dial failed,
	// no connection was obtained).
	maybeSent bool
}

func (t *transport) attempt(ctx context.Context, method, rawURL, logPath string, body []byte, hasBody bool, attempt int) attemptResult {
	start := time.Now()
	res := t.roundTrip(ctx, method, rawURL, logPath, body, hasBody)
	if t.logger != nil {
		query := ""
		if u, err := url.Parse(rawURL); err == nil {
			query = t.redact.s(u.RawQuery)
		}
		t.logger(ctx, RequestLog{
			Method:   method,
			Path:     logPath,
			Query:    query,
			Status:   res.status,
			Duration: time.Since(start),
			Attempt:  attempt,
			Err:      res.err,
		})
	}
	return res
}

func (t *transport) roundTrip(ctx context.Context, method, rawURL, logPath string, body []byte, hasBody bool) attemptResult {
	var rdr io.Reader
	if hasBody {
		rdr = bytes.NewReader(body)
	}
	var gotConn atomic.Bool
	trace := &httptrace.ClientTrace{
		GotConn: func(httptrace.GotConnInfo) { gotConn.Store(true) },
	}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), method, rawURL, rdr)
	if err != nil {
		return attemptResult{err: t.redact.wrap(err), maybeSent: false}
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", t.userAgent)
	if hasBody {
		req.Header.Set("Content-Type", "application/json")
	}
	if t.service == serviceIsometric {
		req.Header.Set("X-Client-Secret", t.clientSecret)
	}
	req.Header.Set("Authorization", "Bearer "+t.accessToken)

	resp, err := t.hc.Do(req)
	if err != nil {
		return attemptResult{err: t.redact.wrap(err), maybeSent: gotConn.Load() || !isDialError(err)}
	}
	defer resp.Body.Close()

	limit := int64(-1)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		limit = maxErrorBody
	}
	var data []byte
	if limit > 0 {
		data, err = io.ReadAll(io.LimitReader(resp.Body, limit))
	} else {
		data, err = io.ReadAll(resp.Body)
	}
	if err != nil && (resp.StatusCode >= 200 && resp.StatusCode <= 299) {
		// The answer was cut: the outcome of a POST is unknown, a GET may be retried.
		return attemptResult{status: resp.StatusCode, err: t.redact.wrap(fmt.Errorf("reading response body: %w", err)), maybeSent: true}
	}
	res := attemptResult{status: resp.StatusCode, header: resp.Header, body: data, maybeSent: true}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		ae := t.newAPIError(method, logPath, resp.StatusCode, resp.Header, data)
		res.apiErr = ae
		res.err = ae
	}
	return res
}

// errNilResult is returned if a 2xx answer could not give a result (should not happen).
var errNilResult = errors.New("empty response")

// decodeSuccess decodes a 2xx answer.
func (t *transport) decodeSuccess(r *apiRequest, logPath string, res attemptResult, out any) error {
	trimmed := bytes.TrimSpace(res.body)
	if r.nullIsNotFound && (len(trimmed) == 0 || bytes.Equal(trimmed, []byte("null"))) {
		return &APIError{
			StatusCode: res.status,
			Method:     r.method,
			Path:       logPath,
			Message:    "the registry answered null: no such object is visible to this organisation",
			service:    t.service,
			kind:       ErrNotFound,
		}
	}
	if out == nil {
		return nil
	}
	if len(trimmed) == 0 || bytes.Equal(trimmed, []byte("null")) {
		return fmt.Errorf("%s %s: %w (status %d)", r.method, logPath, errNilResult, res.status)
	}
	if err := json.Unmarshal(trimmed, out); err != nil {
		return fmt.Errorf("%s %s: decoding response (status %d): %s", r.method, logPath, res.status, t.redact.s(err.Error()))
	}
	return nil
}

// finalError turns the last attempt into the error returned to the caller.
func (t *transport) finalError(ctx context.Context, r *apiRequest, logPath string, res attemptResult) error {
	isPost := r.method != http.MethodGet && r.method != http.MethodHead
	if res.apiErr != nil {
		if isPost && res.status >= 500 {
			return &OutcomeUnknownError{Method: r.method, Path: logPath, Err: res.apiErr}
		}
		return res.apiErr
	}
	cause := res.err
	if isPost && res.maybeSent {
		return &OutcomeUnknownError{Method: r.method, Path: logPath, Err: cause}
	}
	if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(cause, ctxErr) {
		return fmt.Errorf("%s %s: %w (%v)", r.method, logPath, ctxErr, cause)
	}
	return &RequestError{Method: r.method, Path: logPath, Err: cause}
}

// backoff is the exponential backoff with jitter before retry number attempt (1-based).
func (t *transport) backoff(attempt int) time.Duration {
	d := t.waitMin
	for i := 1; i < attempt && d < t.waitMax; i++ {
		d *= 2
	}
	if d > t.waitMax {
		d = t.waitMax
	}
	// Jitter: a random wait in [d/2, d].
	half := d / 2
	if half > 0 {
		d = half + time.Duration(rand.Int64N(int64(half)+1))
	}
	return d
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-tm.C:
		return nil
	}
}

// parseRetryAfter reads a Retry-After header: delay-seconds or an HTTP date. 0 when absent/invalid.
func parseRetryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		if secs > 24*3600 {
			secs = 24 * 3600
		}
		return time.Duration(secs) * time.Second
	}
	if when, err := http.ParseTime(v); err == nil {
		if d := when.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// isDialError reports whether err happened while connecting (so nothing was sent).
func isDialError(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return true
	}
	return errors.Is(err, syscall.ECONNREFUSED) && !errors.Is(err, syscall.ECONNRESET)
}

// redactor removes secrets from strings.
type redactor struct{ secrets []string }

func newRedactor(secrets ...string) *redactor {
	r := &redactor{}
	for _, s := range secrets {
		if len(s) >= 3 {
			r.secrets = append(r.secrets, s)
		}
	}
	return r
}

// s returns v without any secret.
func (r *redactor) s(v string) string {
	if r == nil {
		return v
	}
	for _, sec := range r.secrets {
		v = strings.ReplaceAll(v, sec, "[REDACTED]")
	}
	return v
}

// wrap returns err with secrets removed from its message (nil stays nil); errors.Is/As still see err.
func (r *redactor) wrap(err error) error {
	if err == nil {
		return nil
	}
	return &redactedError{msg: r.s(err.Error()), err: err}
}

type redactedError struct {
	msg string
	err error
}

// Error returns the redacted message.
func (e *redactedError) Error() string { return e.msg }

// Unwrap returns the original error.
func (e *redactedError) Unwrap() error { return e.err }
