package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Sentinel errors. Every *APIError unwraps to at most one of them; test with errors.Is.
var (
	// ErrNotFound: 404, or a 200 answer with a null body from GET /organisations/{id},
	// /projects/{id} or /suppliers/{id}.
	ErrNotFound = errors.New("not found")
	// ErrUnauthorized: 401, the credentials were missing or rejected.
	ErrUnauthorized = errors.New("unauthorized")
	// ErrForbidden: 403, the credentials are valid but the organisation may not do this.
	ErrForbidden = errors.New("forbidden")
	// ErrValidation: 422, the request was rejected by validation (see APIError.Detail).
	ErrValidation = errors.New("validation failed")
	// ErrRateLimited: 429, too many requests (see APIError.RetryAfter).
	ErrRateLimited = errors.New("rate limited")
	// ErrServer: any 5xx answer.
	ErrServer = errors.New("server error")
)

// ValidationError mirrors the spec's ValidationError (one entry of a FastAPI 422 body).
type ValidationError struct {
	// Loc is the `loc` field.
	Loc []any `json:"loc"`
	// Msg is the `msg` field.
	Msg string `json:"msg"`
	// Type is the `type` field.
	Type string `json:"type"`
	// Ctx is the `ctx` field.
	Ctx map[string]any `json:"ctx,omitempty"`
}

// HTTPValidationError mirrors the spec's HTTPValidationError (FastAPI's 422 body).
type HTTPValidationError struct {
	// Detail is the `detail` field.
	Detail []ValidationError `json:"detail"`
}

// APIError is a non-2xx answer of the API (or a 200 null body that means not found).
// Its Error() never contains a secret. Unwrap gives the sentinel matching the status.
type APIError struct {
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Method is the HTTP method of the request.
	Method string
	// Path is the URL path of the request (no query string).
	Path string
	// Message is the server's message: the string `detail`, or the rendered validation errors,
	// or a (truncated) raw body.
	Message string
	// Detail holds the FastAPI validation errors of a 422 answer.
	Detail []ValidationError
	// RetryAfter is the wait the server asked for (Retry-After header), 0 if none.
	RetryAfter time.Duration

	service service
	kind    error
}

// Error renders the error with a hint about the likely cause.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s %s: ", e.service.name(), e.Method, e.Path)
	if e.StatusCode != 0 {
		if e.StatusCode == http.StatusOK {
			b.WriteString("200 OK with a null body: ")
		} else {
			fmt.Fprintf(&b, "%d %s: ", e.StatusCode, http.StatusText(e.StatusCode))
		}
	}
	kind := e.Unwrap()
	switch {
	case errors.Is(kind, ErrValidation):
		b.WriteString("validation failed")
		if len(e.Detail) > 0 {
			for _, line := range renderValidation(e.Detail) {
				b.WriteString("\n  ")
				b.WriteString(line)
			}
		} else {
			b.WriteString(e.message(": %s"))
		}
	case errors.Is(kind, ErrUnauthorized):
		b.WriteString("unauthorized" + e.message(" (server said: %s)") + ". " + e.unauthorizedHint())
	case errors.Is(kind, ErrForbidden):
		b.WriteString("forbidden" + e.message(" (server said: %s)") + e.forbiddenHint())
	case errors.Is(kind, ErrNotFound):
		b.WriteString("not found" + e.message(" (%s)") + e.notFoundHint())
	case errors.Is(kind, ErrRateLimited):
		b.WriteString("rate limited")
		if e.RetryAfter > 0 {
			fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
		}
		b.WriteString(e.message(": %s"))
	case errors.Is(kind, ErrServer):
		b.WriteString("server error" + e.message(": %s"))
	case e.Message != "":
		b.WriteString(e.Message)
	default:
		b.WriteString("request failed")
	}
	return b.String()
}

// message renders the server's message with format (one %s), or "" when there is none.
func (e *APIError) message(format string) string {
	if e.Message == "" {
		return ""
	}
	return fmt.Sprintf(format, e.Message)
}

// Credential names one of the credentials the client sends, as APIError.SuspectCredential tells
// which one a 401 most likely concerns.
type Credential int

// Values of Credential.
const (
	// CredentialNone: the error is not a 401; no credential is in question.
	CredentialNone Credential = iota
	// CredentialClientSecret is the client secret, sent as the X-Client-Secret header.
	CredentialClientSecret
	// CredentialAccessToken is the access token, sent as the Authorization bearer token.
	CredentialAccessToken
	// CredentialBoth: the 401's message names neither credential or both, so either may be wrong.
	CredentialBoth
)

// String names the credential in API terms.
func (c Credential) String() string {
	switch c {
	case CredentialClientSecret:
		return "client secret (X-Client-Secret header)"
	case CredentialAccessToken:
		return "access token (Authorization bearer token)"
	case CredentialBoth:
		return "client secret and access token"
	default:
		return "none"
	}
}

// SuspectCredential tells which credential a 401 (ErrUnauthorized) most likely concerns, from the
// server's message: CredentialClientSecret or CredentialAccessToken when the message names only
// that one, CredentialBoth when it names neither or both. The ICR takes only an access token, so
// its 401 is CredentialAccessToken. Any other error is CredentialNone. Error() words its advice by
// the same answer.
func (e *APIError) SuspectCredential() Credential {
	if !errors.Is(e.Unwrap(), ErrUnauthorized) {
		return CredentialNone
	}
	if e.service == serviceICR {
		return CredentialAccessToken
	}
	m := strings.ToLower(e.Message)
	mentionsSecret := strings.Contains(m, "secret") || strings.Contains(m, "client")
	mentionsToken := strings.Contains(m, "token") || strings.Contains(m, "bearer") || strings.Contains(m, "authorization") || strings.Contains(m, "jwt")
	switch {
	case mentionsSecret && !mentionsToken:
		return CredentialClientSecret
	case mentionsToken && !mentionsSecret:
		return CredentialAccessToken
	default:
		return CredentialBoth
	}
}

// unauthorizedHint tells which credential to check, and what it is, after a 401.
func (e *APIError) unauthorizedHint() string {
	if e.service == serviceICR {
		return "Check the ICR access token (the Authorization bearer token): it may be missing, expired or revoked."
	}
	const (
		secretHint = "the client secret (the X-Client-Secret header) identifies the API client and is tied to one environment, sandbox or production: a secret of the other environment is rejected"
		tokenHint  = "the access token (the Authorization bearer token) acts as one organisation and may be missing, expired, revoked or issued for the other environment"
	)
	switch e.SuspectCredential() {
	case CredentialClientSecret:
		return "The client secret is likely wrong: " + secretHint + ". If it is right, check the access token: " + tokenHint + "."
	case CredentialAccessToken:
		return "The access token is likely wrong: " + tokenHint + ". If it is right, check the client secret: " + secretHint + "."
	default:
		return "Check both credentials and that they belong to the selected environment: " + secretHint + "; " + tokenHint + "."
	}
}

// forbiddenHint tells what a 403 means.
func (e *APIError) forbiddenHint() string {
	if e.service == serviceICR {
		return ". The ICR access token is valid but may not read this resource."
	}
	return ". The credentials are valid, but the organisation the access token acts as may not do this " +
		"(for example: another organisation's data, or a supplier-only endpoint with a non-supplier token). " +
		"Use the access token of the organisation that owns the resource."
}

// notFoundHint tells where a missing object may be.
func (e *APIError) notFoundHint() string {
	if e.service == serviceICR {
		return ". Check the ID and the ICR base URL."
	}
	return ". Check the ID; it may exist in the other environment (sandbox vs production) " +
		"or belong to another organisation than the one the access token acts as."
}

// Unwrap returns the sentinel of the error's kind (nil for statuses without one).
func (e *APIError) Unwrap() error {
	if e.kind != nil {
		return e.kind
	}
	return sentinelForStatus(e.StatusCode)
}

func sentinelForStatus(code int) error {
	switch {
	case code == http.StatusNotFound:
		return ErrNotFound
	case code == http.StatusUnauthorized:
		return ErrUnauthorized
	case code == http.StatusForbidden:
		return ErrForbidden
	case code == http.StatusUnprocessableEntity:
		return ErrValidation
	case code == http.StatusTooManyRequests:
		return ErrRateLimited
	case code >= 500 && code <= 599:
		return ErrServer
	}
	return nil
}

// ValidationMessages returns the validation errors rendered as "field: message" lines.
func (e *APIError) ValidationMessages() []string { return renderValidation(e.Detail) }

// renderValidation renders FastAPI validation errors as "field: message" lines, field being the
// `loc` path without its leading body/query/path/header element.
func renderValidation(ds []ValidationError) []string {
	out := make([]string, 0, len(ds))
	for _, d := range ds {
		field := ValidationField(d.Loc)
		msg := d.Msg
		if msg == "" {
			msg = d.Type
		}
		if field == "" {
			out = append(out, msg)
		} else {
			out = append(out, field+": "+msg)
		}
	}
	return out
}

// ValidationField renders a FastAPI `loc` as a dotted field path without the leading
// "body"/"query"/"path"/"header"/"cookie" element, e.g. ["body","credit_batch_quantities",0,
// "credit_quantity_kg"] -> "credit_batch_quantities.0.credit_quantity_kg".
func ValidationField(loc []any) string {
	parts := make([]string, 0, len(loc))
	for _, p := range loc {
		switch v := p.(type) {
		case string:
			parts = append(parts, v)
		case float64:
			parts = append(parts, strconv.FormatFloat(v, 'f', -1, 64))
		case json.Number:
			parts = append(parts, v.String())
		case int:
			parts = append(parts, strconv.Itoa(v))
		case int64:
			parts = append(parts, strconv.FormatInt(v, 10))
		default:
			parts = append(parts, fmt.Sprint(v))
		}
	}
	if len(parts) > 1 {
		switch parts[0] {
		case "body", "query", "path", "header", "cookie":
			parts = parts[1:]
		}
	}
	return strings.Join(parts, ".")
}

// newAPIError builds the APIError of a non-2xx answer. The body may be FastAPI's
// {"detail":[...]}, {"detail":"string"}, another JSON document or plain text.
func (t *transport) newAPIError(method, path string, status int, h http.Header, body []byte) *APIError {
	e := &APIError{StatusCode: status, Method: method, Path: path, service: t.service}
	if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable || status >= 500 {
		e.RetryAfter = parseRetryAfter(h, time.Now())
	}
	e.Message, e.Detail = parseErrorBody(body)
	e.Message = t.redact.s(e.Message)
	for i := range e.Detail {
		e.Detail[i].Msg = t.redact.s(e.Detail[i].Msg)
		e.Detail[i].Ctx = nil
	}
	return e
}

// parseErrorBody extracts a message and validation details from an error body.
func parseErrorBody(body []byte) (string, []ValidationError) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return "", nil
	}
	var env struct {
		Detail  json.RawMessage `json:"detail"`
		Message json.RawMessage `json:"message"`
		Error   json.RawMessage `json:"error"`
	}
	if err := json.Unmarshal(body, &env); err == nil {
		if msg, details, ok := parseDetail(env.Detail); ok {
			return msg, details
		}
		for _, raw := range []json.RawMessage{env.Message, env.Error} {
			var s string
			if len(raw) > 0 && json.Unmarshal(raw, &s) == nil && s != "" {
				return s, nil
			}
			if len(raw) > 0 {
				var inner struct {
					Message string `json:"message"`
				}
				if json.Unmarshal(raw, &inner) == nil && inner.Message != "" {
					return inner.Message, nil
				}
			}
		}
	}
	return truncate(string(body), 512), nil
}

// parseDetail reads FastAPI's `detail`: a list of validation errors or a string.
func parseDetail(raw json.RawMessage) (string, []ValidationError, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return "", nil, false
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, nil, true
	}
	var list []ValidationError
	if json.Unmarshal(raw, &list) == nil {
		return strings.Join(renderValidation(list), "; "), list, true
	}
	var one ValidationError
	if json.Unmarshal(raw, &one) == nil && (one.Msg != "" || len(one.Loc) > 0) {
		list = []ValidationError{one}
		return strings.Join(renderValidation(list), "; "), list, true
	}
	return truncate(string(raw), 512), nil, true
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// OutcomeUnknownError is returned by a POST that may have reached the server but whose result is
// unknown (timeout, connection reset or EOF after the request was written, any 5xx answer). The
// request was not retried; the caller must find out from the registry what happened.
type OutcomeUnknownError struct {
	// Method is the HTTP method (POST).
	Method string
	// Path is the URL path of the request.
	Path string
	// Err is the cause (a transport error, or an *APIError for a 5xx answer).
	Err error
}

// Error explains that the operation may or may not have happened.
func (e *OutcomeUnknownError) Error() string {
	cause := "unknown cause"
	if e.Err != nil {
		cause = e.Err.Error()
	}
	return fmt.Sprintf("%s %s: outcome unknown: the request may have reached the registry and been carried out, "+
		"but no answer confirmed it (%s). It was not retried, to avoid doing it twice; check the registry for the result",
		e.Method, e.Path, cause)
}

// Unwrap returns the cause.
func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// IsOutcomeUnknown reports whether err is (or wraps) an *OutcomeUnknownError.
func IsOutcomeUnknown(err error) bool {
	var o *OutcomeUnknownError
	return errors.As(err, &o)
}

// RequestError is a transport failure (no HTTP answer) of a request whose outcome is not in doubt:
// a GET (retries exhausted) or a POST that never left the client.
type RequestError struct {
	// Method is the HTTP method.
	Method string
	// Path is the URL path of the request.
	Path string
	// Err is the transport error (secrets redacted from its message).
	Err error
}

// Error renders the failure.
func (e *RequestError) Error() string {
	return fmt.Sprintf("%s %s: request failed: %v", e.Method, e.Path, e.Err)
}

// Unwrap returns the cause.
func (e *RequestError) Unwrap() error { return e.Err }
