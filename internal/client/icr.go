package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// ICRDefaultURL is the base URL of the International Carbon Registry API.
const ICRDefaultURL = "https://api.carbonregistry.com"

// ICRConfig configures an ICRClient.
type ICRConfig struct {
	// BaseURL is the API base without /v1 (empty means ICRDefaultURL), e.g.
	// "http://127.0.0.1:PORT/icr" for the local registry. It must pass ValidateBaseURL.
	BaseURL string
	// AccessToken is sent as "Authorization: Bearer <token>".
	AccessToken string
	// UserAgent names the caller and its version (empty means DefaultUserAgent).
	UserAgent string
	// HTTPClient is the HTTP client to use (optional).
	HTTPClient *http.Client
	// Logger, when set, is called once per HTTP attempt (no secrets, no query strings).
	Logger func(ctx context.Context, e RequestLog)
	// MaxRetries is the number of retries of a GET on 429, 5xx and connection errors (0 means
	// DefaultMaxRetries; a negative value disables retries).
	MaxRetries int
	// RetryWaitMin is the first backoff wait (0 means DefaultRetryWaitMin).
	RetryWaitMin time.Duration
	// RetryWaitMax caps the backoff wait (0 means DefaultRetryWaitMax).
	RetryWaitMax time.Duration
}

// ICRClient is a client of the ICR retirement endpoints. It is safe for concurrent use.
type ICRClient struct {
	t *transport
}

// NewICR returns an ICRClient for cfg. It fails when the base URL does not pass ValidateBaseURL.
func NewICR(cfg ICRConfig) (*ICRClient, error) {
	t, err := newTransport(serviceICR, ICRDefaultURL, Config{
		BaseURL:      cfg.BaseURL,
		AccessToken:  cfg.AccessToken,
		UserAgent:    cfg.UserAgent,
		HTTPClient:   cfg.HTTPClient,
		MaxRetries:   cfg.MaxRetries,
		RetryWaitMin: cfg.RetryWaitMin,
		RetryWaitMax: cfg.RetryWaitMax,
		Logger:       cfg.Logger,
	})
	if err != nil {
		return nil, err
	}
	return &ICRClient{t: t}, nil
}

// BaseURL returns the base URL the client sends requests to (without a trailing slash).
func (c *ICRClient) BaseURL() string { return c.t.base.String() }

// ICRListOptions are the query parameters of GET /v1/retirements. Zero values are not sent.
type ICRListOptions struct {
	// Limit is the number of results per page.
	Limit int `url:"limit,omitempty"`
	// Page is the page number (from 1).
	Page int `url:"page,omitempty"`
}

// valid rejects negative values, the only limit of the ICR's that the client checks.
func (o *ICRListOptions) valid() error {
	if o.Limit < 0 || o.Page < 0 {
		return fmt.Errorf("%w: limit and page must not be negative (0 leaves them unset), got limit %d, page %d", ErrInvalidOptions, o.Limit, o.Page)
	}
	return nil
}

// ICROrganizationOwner is the organisation that owns an ICR retirement.
type ICROrganizationOwner struct {
	// FullName is the organisation's name.
	FullName string `json:"fullName"`
	// Logo is the URL of the organisation's logo.
	Logo string `json:"logo"`
	// ID is the organisation's ICR ID.
	ID string `json:"id"`
	// PublicURL is the organisation's public page.
	PublicURL string `json:"publicUrl"`
}

// ICRProject is the project an ICR retirement's credits come from.
type ICRProject struct {
	// ID is the project's ICR ID.
	ID string `json:"id"`
	// FullName is the project's name.
	FullName string `json:"fullName"`
	// URL is the project's API URL.
	URL string `json:"url"`
	// PublicURL is the project's public page.
	PublicURL string `json:"publicUrl"`
	// Num is the project number (a string; a JSON number is accepted too).
	Num string `json:"num"`
}

// UnmarshalJSON decodes a project, accepting `num` as a string or a number.
func (p *ICRProject) UnmarshalJSON(b []byte) error {
	type plain ICRProject
	var aux struct {
		plain
		Num json.RawMessage `json:"num"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*p = ICRProject(aux.plain)
	p.Num = flexString(aux.Num)
	return nil
}

// ICRRetirement is one retirement certificate issued by the ICR.
type ICRRetirement struct {
	// CreatedAt is when the retirement was made (RFC 3339).
	CreatedAt string `json:"createdAt"`
	// ID is the retirement's ICR ID.
	ID string `json:"id"`
	// IsClaimed tells whether the retirement has been claimed.
	IsClaimed bool `json:"isClaimed"`
	// Reason is the reason given for the retirement.
	Reason string `json:"reason"`
	// Comment is the comment given with the retirement.
	Comment string `json:"comment"`
	// Beneficiary is the name of the beneficiary.
	Beneficiary string `json:"beneficiary"`
	// OrganizationID is the ID of the owning organisation.
	OrganizationID string `json:"organizationId"`
	// OrganizationOwner is the owning organisation.
	OrganizationOwner *ICROrganizationOwner `json:"organizationOwner"`
	// Serialization is the serial number range of the retired credits.
	Serialization string `json:"serialization"`
	// Vintage is the vintage year (a string; a JSON number is accepted too).
	Vintage string `json:"vintage"`
	// Amount is the retired amount, exactly as the API sent it (a JSON number).
	Amount json.Number `json:"amount"`
	// Project is the project the credits come from.
	Project *ICRProject `json:"project"`
}

// UnmarshalJSON decodes a retirement, accepting `vintage` as a string or a number.
func (r *ICRRetirement) UnmarshalJSON(b []byte) error {
	type plain ICRRetirement
	var aux struct {
		plain
		Vintage json.RawMessage `json:"vintage"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*r = ICRRetirement(aux.plain)
	r.Vintage = flexString(aux.Vintage)
	return nil
}

// ICRPagination is the pagination block of GET /v1/retirements.
type ICRPagination struct {
	// Total is the number of retirements.
	Total int64 `json:"total"`
	// CurrentPage is this page's number.
	CurrentPage int `json:"currentPage"`
	// PageCount is the number of pages.
	PageCount int `json:"pageCount"`
	// NextPage is the next page's number (0 or null when there is none).
	NextPage int `json:"nextPage"`
	// PrevPage is the previous page's number (0 when there is none).
	PrevPage int `json:"prevPage"`
}

// ICRRetirementList is the answer of GET /v1/retirements.
type ICRRetirementList struct {
	// Retirements is this page's retirements.
	Retirements []ICRRetirement `json:"retirements"`
	// Pagination tells where this page is.
	Pagination ICRPagination `json:"pagination"`
}

// ListRetirements lists the retirements visible to the token, one page (GET /v1/retirements).
func (c *ICRClient) ListRetirements(ctx context.Context, opts ICRListOptions) (*ICRRetirementList, error) {
	out, err := get[ICRRetirementList](ctx, c.t, fixed("/v1/retirements"), &opts)
	if err != nil {
		return nil, err
	}
	if out.Retirements == nil {
		out.Retirements = []ICRRetirement{}
	}
	return out, nil
}

// AllRetirements walks every page of GET /v1/retirements (pageSize per page, 0 = the API's
// default) and stops after limit records when limit > 0.
func (c *ICRClient) AllRetirements(ctx context.Context, pageSize, limit int) ([]ICRRetirement, error) {
	out := []ICRRetirement{}
	page := 1
	for n := 0; n < 100000; n++ {
		res, err := c.ListRetirements(ctx, ICRListOptions{Limit: pageSize, Page: page})
		if err != nil {
			return out, err
		}
		for _, r := range res.Retirements {
			out = append(out, r)
			if limit > 0 && len(out) >= limit {
				return out, nil
			}
		}
		p := res.Pagination
		next := p.NextPage
		if len(res.Retirements) == 0 || next <= page || (p.PageCount > 0 && next > p.PageCount) {
			return out, nil
		}
		page = next
	}
	return out, nil
}

// GetRetirement returns one retirement (GET /v1/retirements/{id}). A missing or null
// `retirement` is ErrNotFound.
func (c *ICRClient) GetRetirement(ctx context.Context, id string) (*ICRRetirement, error) {
	at := withID("ICR retirement", "/v1/retirements/%s", id)
	out, err := getNullable[struct {
		Retirement json.RawMessage `json:"retirement"`
	}](ctx, c.t, at)
	if err != nil {
		return nil, err
	}
	raw := bytes.TrimSpace(out.Retirement)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil, &APIError{
			StatusCode: http.StatusOK,
			Method:     http.MethodGet,
			Path:       c.t.fullPath(at.path),
			Message:    "the ICR answered without a retirement",
			service:    serviceICR,
			kind:       ErrNotFound,
		}
	}
	var r ICRRetirement
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// ListEntityRetirements lists the retirements of an entity (GET /v1/{id}/retirements).
func (c *ICRClient) ListEntityRetirements(ctx context.Context, entityID string) ([]ICRRetirement, error) {
	out, err := get[struct {
		Retirements []ICRRetirement `json:"retirements"`
	}](ctx, c.t, withID("ICR entity", "/v1/%s/retirements", entityID), nil)
	if err != nil {
		return nil, err
	}
	if out.Retirements == nil {
		out.Retirements = []ICRRetirement{}
	}
	return out.Retirements, nil
}

// flexString renders a JSON string or number as a string ("" for null or anything else).
func flexString(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}
