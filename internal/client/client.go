// Package client is a Go client for the Isometric Registry API (v0) and for the retirement endpoints
// of the International Carbon Registry (ICR). It knows nothing about Terraform.
//
// Every method takes a context first, quantities are int64 kilograms, single objects come back as
// (*T, error), paginated lists as (*Page[T], error) and unpaginated lists as (*List[T], error).
// Errors are typed (see errors.go): use errors.Is with the sentinels and errors.As with *APIError
// and *OutcomeUnknownError.
package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// SandboxURL is the base URL of the Isometric Registry API in the sandbox environment.
const SandboxURL = "https://api.sandbox.isometric.com/registry/v0"

// ProductionURL is the base URL of the Isometric Registry API in the production environment.
const ProductionURL = "https://api.isometric.com/registry/v0"

// Environment names accepted by BaseURLForEnvironment.
const (
	// EnvironmentSandbox selects SandboxURL.
	EnvironmentSandbox = "sandbox"
	// EnvironmentProduction selects ProductionURL.
	EnvironmentProduction = "production"
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

// BaseURLForEnvironment returns the API base URL of an environment name: "sandbox" (also the
// default for "") or "production".
func BaseURLForEnvironment(env string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(env)) {
	case "", EnvironmentSandbox:
		return SandboxURL, nil
	case EnvironmentProduction:
		return ProductionURL, nil
	default:
		return "", fmt.Errorf("unknown Isometric environment %q: use %q or %q (or set an explicit endpoint)", env, EnvironmentSandbox, EnvironmentProduction)
	}
}

// ResolveBaseURL returns the base URL to use: endpoint when set (an explicit endpoint, e.g. the
// local registry), else the URL of the environment (see BaseURLForEnvironment).
func ResolveBaseURL(environment, endpoint string) (string, error) {
	if e := strings.TrimSpace(endpoint); e != "" {
		return strings.TrimRight(e, "/"), nil
	}
	return BaseURLForEnvironment(environment)
}

// Config configures a Client.
type Config struct {
	// BaseURL is the full API base including /registry/v0 (a trailing slash is not needed).
	// Empty means SandboxURL.
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

// New returns a Client for cfg. It fails when the base URL cannot be parsed.
func New(cfg Config) (*Client, error) {
	base := cfg.BaseURL
	if strings.TrimSpace(base) == "" {
		base = SandboxURL
	}
	t, err := newTransport(transportConfig{
		service:      serviceIsometric,
		baseURL:      base,
		userAgent:    cfg.UserAgent,
		httpClient:   cfg.HTTPClient,
		maxRetries:   cfg.MaxRetries,
		retryWaitMin: cfg.RetryWaitMin,
		retryWaitMax: cfg.RetryWaitMax,
		logger:       cfg.Logger,
		clientSecret: cfg.ClientSecret,
		accessToken:  cfg.AccessToken,
	})
	if err != nil {
		return nil, err
	}
	return &Client{t: t}, nil
}

// BaseURL returns the base URL the client sends requests to (without a trailing slash).
func (c *Client) BaseURL() string { return c.t.base.String() }

// get sends a GET and decodes the answer into out.
func (c *Client) get(ctx context.Context, path string, q queryer, out any) error {
	return c.t.do(ctx, &apiRequest{method: http.MethodGet, path: path, query: queryOf(q)}, out)
}

// getNullable sends a GET whose 200 answer may be the JSON null, meaning "not found".
func (c *Client) getNullable(ctx context.Context, path string, out any) error {
	return c.t.do(ctx, &apiRequest{method: http.MethodGet, path: path, nullIsNotFound: true}, out)
}

// post sends a POST with a JSON body and decodes the answer into out.
func (c *Client) post(ctx context.Context, path string, body any, out any) error {
	return c.t.do(ctx, &apiRequest{method: http.MethodPost, path: path, body: body, hasBody: true}, out)
}

// requireID fails early (without a request) on an empty path ID.
func requireID(what, id string) error {
	if strings.TrimSpace(id) == "" {
		return fmt.Errorf("%s ID must not be empty", what)
	}
	return nil
}

// errNilResult is returned if a 2xx answer could not give a result (should not happen).
var errNilResult = errors.New("empty response")
