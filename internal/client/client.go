// Package client is a Go client for the Isometric Registry API (v0) and for the retirement endpoints
// of the International Carbon Registry (ICR). It knows nothing about Terraform.
//
// Every method takes a context first, quantities are int64 kilograms, single objects come back as
// (*T, error), paginated lists as (*Page[T], error) and unpaginated lists as (*List[T], error).
// Errors are typed (see errors.go): use errors.Is with the sentinels and errors.As with *APIError
// and *OutcomeUnknownError.
//
// # Layout
//
// One file per API area (beneficiaries.go, credit_batches.go, deliveries.go, issuances.go,
// orders.go, organisations.go, projects.go, refunds.go, retirements.go, stripe.go, suppliers.go,
// transferees.go, transfers.go; icr.go for the ICR) holds the area's types, named after the
// spec's schemas (api/isometric-registry-openapi.json), its list options with their checks, and
// its methods. A resource's type sits in its area's file even where other areas embed it
// (Organisation, Supplier, CreditBatch), and so do its list options, whichever path lists it
// (CreditBatchListOptions). Value types that several areas share sit in files named for them: pagination.go (ListOptions, Page, List,
// PageInfo, All), value_types.go (CreditQuantity, CreditBatchQuantity, Location) and errors.go
// (the error types and the 422 ValidationError shapes). base_url.go resolves and checks base
// URLs; transport.go sends the requests (query encoding, retries, logging, redaction).
//
// List options are checked against the spec's limits before anything is sent (ErrInvalidOptions)
// and encoded from their fields' `url` tags by github.com/google/go-querystring.
//
// # Retries
//
// A GET is retried on 429, on 5xx other than 501 and on connection errors, up to
// Config.MaxRetries times, with exponential backoff and jitter or the wait a Retry-After header
// asks for (a wait over 5 minutes, or past the context's deadline, ends the call instead). A POST
// is retried only when it certainly was not carried out: after a 429, or when no connection could
// be made. When it may have reached the server (a timeout, a dropped connection, a 5xx, an
// unreadable 2xx answer) it is not resent and the call returns an *OutcomeUnknownError.
package client

import (
	"context"
	"net/http"
	"time"
)

// DefaultUserAgent is the User-Agent sent when Config.UserAgent is empty.
const DefaultUserAgent = "terraform-provider-isometric"

// Defaults of the retry policy.
const (
	// DefaultMaxRetries is the number of retries of a GET when Config.MaxRetries is 0.
	DefaultMaxRetries = 4
	// DefaultRetryWaitMin is the first backoff wait when Config.RetryWaitMin is 0.
	DefaultRetryWaitMin = 500 * time.Millisecond
	// DefaultRetryWaitMax caps the backoff wait when Config.RetryWaitMax is 0.
	DefaultRetryWaitMax = 10 * time.Second
)

// Config configures a Client.
type Config struct {
	// BaseURL is the full API base including /registry/v0 (a trailing slash is not needed).
	// Empty means SandboxURL. It must pass ValidateBaseURL.
	BaseURL string
	// ClientSecret is sent as the X-Client-Secret header. It identifies the API client and is tied
	// to one environment (sandbox or production).
	ClientSecret string
	// AccessToken is sent as "Authorization: Bearer <token>". It acts as one organisation.
	AccessToken string
	// UserAgent names the caller and its version, e.g. "terraform-provider-isometric/0.1.0".
	// Empty means DefaultUserAgent.
	UserAgent string
	// HTTPClient is the HTTP client to use (optional; a client with a 60s timeout by default).
	HTTPClient *http.Client
	// MaxRetries is the number of retries of a GET on 429, 5xx and connection errors (0 means
	// DefaultMaxRetries; a negative value disables retries). It also bounds the retries of a POST
	// that was refused with 429 or could not connect at all.
	MaxRetries int
	// RetryWaitMin is the first backoff wait (0 means DefaultRetryWaitMin).
	RetryWaitMin time.Duration
	// RetryWaitMax caps the backoff wait (0 means DefaultRetryWaitMax). A Retry-After header wins
	// over both bounds.
	RetryWaitMax time.Duration
	// Logger, when set, is called once per HTTP attempt. Entries never hold secrets or query strings.
	Logger func(ctx context.Context, e RequestLog)
}

// RequestLog describes one HTTP attempt, as handed to Config.Logger.
type RequestLog struct {
	// Method is the HTTP method.
	Method string
	// Path is the URL path of the request (no query string, no host).
	Path string
	// Query is the request's query string (filters, page size, cursors), secrets redacted; "" when
	// there is none.
	Query string
	// Status is the HTTP status code of the answer, 0 when there was none.
	Status int
	// Duration is how long the attempt took.
	Duration time.Duration
	// Attempt counts attempts of one call from 1.
	Attempt int
	// Err is the attempt's error (transport error or API error), nil on success. Secrets are redacted.
	Err error
}

// Client is a client of the Isometric Registry API. It is safe for concurrent use.
type Client struct {
	t *transport
}

// New returns a Client for cfg. It fails when the base URL does not pass ValidateBaseURL.
func New(cfg Config) (*Client, error) {
	t, err := newTransport(serviceIsometric, SandboxURL, cfg)
	if err != nil {
		return nil, err
	}
	return &Client{t: t}, nil
}

// BaseURL returns the base URL the client sends requests to (without a trailing slash).
func (c *Client) BaseURL() string { return c.t.base.String() }
