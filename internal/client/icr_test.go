package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

const icrRetirementJSON = `{
  "createdAt": "2025-07-26T02:28:17.207Z",
  "id": "123e4567-e89b-12d3-a456-426614174000",
  "isClaimed": true,
  "reason": "Reached retirement age",
  "comment": "Congratulations on your retirement!",
  "beneficiary": "John Doe",
  "organizationId": "org-icr-1",
  "organizationOwner": {"fullName": "John Doe", "logo": "https://l", "id": "own-1", "publicUrl": "https://p", "newField": 1},
  "serialization": "ICR-ISL-354-78040-14-R-0-2021",
  "vintage": "2020",
  "amount": 1000.125,
  "project": {"id": "prj-1", "fullName": "Project 1", "url": "https://u", "publicUrl": "https://pu", "num": "713"},
  "status": "brand-new-status"
}`

func TestICRList(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeRaw(w, 200, `{"retirements":[`+icrRetirementJSON+`],"pagination":{"total":100,"currentPage":2,"pageCount":10,"nextPage":3,"prevPage":1}}`)
	})
	c, sink := newTestICR(t, rec, nil)
	list, err := c.ListRetirements(context.Background(), ICRListOptions{Limit: 10, Page: 2})
	if err != nil {
		t.Fatal(err)
	}
	got := rec.last()
	if got.Method != "GET" || got.Path != "/icr/v1/retirements" || got.RawQuery != "limit=10&page=2" {
		t.Errorf("sent %s %s?%s", got.Method, got.Path, got.RawQuery)
	}
	if got.Header.Get("Authorization") != "Bearer "+testToken || got.Header.Get("X-Client-Secret") != "" || got.Header.Get("User-Agent") != testUA {
		t.Errorf("headers = %v", got.Header)
	}
	if len(list.Retirements) != 1 || list.Pagination.Total != 100 || list.Pagination.NextPage != 3 || list.Pagination.CurrentPage != 2 {
		t.Fatalf("list = %+v", list)
	}
	r := list.Retirements[0]
	if r.Amount != "1000.125" || r.Vintage != "2020" || r.Project.Num != "713" || r.OrganizationOwner.FullName != "John Doe" ||
		!r.IsClaimed || r.Serialization != "ICR-ISL-354-78040-14-R-0-2021" || r.CreatedAt != "2025-07-26T02:28:17.207Z" {
		t.Errorf("retirement = %+v", r)
	}
	if l := sink.all(); len(l) != 1 || l[0].Path != "/icr/v1/retirements" {
		t.Errorf("logs = %+v", l)
	}

	// No options: no query.
	if _, err := c.ListRetirements(context.Background(), ICRListOptions{}); err != nil {
		t.Fatal(err)
	}
	if q := rec.last().RawQuery; q != "" {
		t.Errorf("query = %q", q)
	}
}

func TestICRLenientNumbers(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeRaw(w, 200, `{"retirement":{"id":"r1","vintage":2021,"amount":123456789012345678901234567890,"project":{"num":713},"organizationOwner":null}}`)
	})
	c, _ := newTestICR(t, rec, nil)
	r, err := c.GetRetirement(context.Background(), "r1")
	if err != nil {
		t.Fatal(err)
	}
	if r.Vintage != "2021" || r.Project.Num != "713" || r.Amount.String() != "123456789012345678901234567890" || r.OrganizationOwner != nil {
		t.Errorf("retirement = %+v", r)
	}
}

func TestICRGetAndEntity(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch {
		case strings.HasSuffix(r.URL.Path, "/v1/retirements/missing"):
			writeRaw(w, 404, `{"message":"Retirement not found"}`)
		case strings.HasSuffix(r.URL.Path, "/v1/retirements/null"):
			writeRaw(w, 200, `{"retirement":null}`)
		case strings.HasPrefix(r.URL.Path, "/icr/v1/retirements/"):
			writeRaw(w, 200, `{"retirement":`+icrRetirementJSON+`}`)
		case strings.HasSuffix(r.URL.Path, "/retirements"):
			writeRaw(w, 200, `{"retirements":[`+icrRetirementJSON+`,`+icrRetirementJSON+`]}`)
		default:
			writeRaw(w, 404, `{}`)
		}
	})
	c, _ := newTestICR(t, rec, nil)
	ctx := context.Background()
	r, err := c.GetRetirement(ctx, "123e4567 e89b")
	if err != nil {
		t.Fatal(err)
	}
	if rec.last().Path != "/icr/v1/retirements/123e4567%20e89b" || r.ID != "123e4567-e89b-12d3-a456-426614174000" || r.Amount.String() != "1000.125" {
		t.Errorf("path %s, retirement %+v", rec.last().Path, r)
	}
	list, err := c.ListEntityRetirements(ctx, "ent/1")
	if err != nil {
		t.Fatal(err)
	}
	if rec.last().Path != "/icr/v1/ent%2F1/retirements" || len(list) != 2 {
		t.Errorf("path %s, %d retirements", rec.last().Path, len(list))
	}
	_, err = c.GetRetirement(ctx, "missing")
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "Retirement not found") || !strings.Contains(err.Error(), "ICR") {
		t.Errorf("404: %v", err)
	}
	_, err = c.GetRetirement(ctx, "null")
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("null retirement: %v", err)
	}
}

func TestICRErrorsAndRetries(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeRaw(w, 401, `{"detail":"Invalid token `+testToken+`"}`)
	})
	c, sink := newTestICR(t, rec, nil)
	_, err := c.ListRetirements(context.Background(), ICRListOptions{})
	if !errors.Is(err, ErrUnauthorized) || !strings.Contains(err.Error(), "ICR access token") {
		t.Errorf("401: %v", err)
	}
	if strings.Contains(err.Error(), "X-Client-Secret") {
		t.Errorf("ICR 401 mentions the client secret: %v", err)
	}
	assertNoSecrets(t, "ICR error", err.Error())
	assertNoTerraform(t, err.Error())
	assertLogsClean(t, sink)
	if n := rec.count.Load(); n != 1 {
		t.Errorf("401 retried: %d", n)
	}

	rec2 := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch n {
		case 1:
			writeRaw(w, 429, `{}`)
		case 2:
			writeRaw(w, 502, `bad gateway`)
		case 3:
			dropConnection(t, w)
		default:
			writeRaw(w, 200, `{"retirements":[]}`)
		}
	})
	c2, _ := newTestICR(t, rec2, nil)
	list, err := c2.ListEntityRetirements(context.Background(), "e1")
	if err != nil || len(list) != 0 || list == nil {
		t.Errorf("after retries: %v %v", list, err)
	}
	if n := rec2.count.Load(); n != 4 {
		t.Errorf("%d requests, want 4", n)
	}

	rec3 := answering(t, 403, `{"error":"forbidden entity"}`)
	c3, _ := newTestICR(t, rec3, nil)
	if _, err := c3.ListEntityRetirements(context.Background(), "e1"); !errors.Is(err, ErrForbidden) || !strings.Contains(err.Error(), "forbidden entity") {
		t.Errorf("403: %v", err)
	}
	rec4 := answering(t, 500, `{}`)
	c4, _ := newTestICR(t, rec4, func(c *ICRConfig) { c.MaxRetries = 1 })
	if _, err := c4.GetRetirement(context.Background(), "x"); !errors.Is(err, ErrServer) {
		t.Errorf("500: %v", err)
	}
	if n := rec4.count.Load(); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

func TestICRAllRetirements(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, n int) {
		page := r.URL.Query().Get("page")
		switch page {
		case "1":
			writeRaw(w, 200, `{"retirements":[`+icrRetirementJSON+`,`+icrRetirementJSON+`],"pagination":{"total":3,"currentPage":1,"pageCount":2,"nextPage":2,"prevPage":0}}`)
		default:
			writeRaw(w, 200, `{"retirements":[`+icrRetirementJSON+`],"pagination":{"total":3,"currentPage":2,"pageCount":2,"nextPage":null,"prevPage":1}}`)
		}
	})
	c, _ := newTestICR(t, rec, nil)
	all, err := c.AllRetirements(context.Background(), 2, 0)
	if err != nil || len(all) != 3 || rec.count.Load() != 2 {
		t.Errorf("all: %d %v (%d requests)", len(all), err, rec.count.Load())
	}
	some, err := c.AllRetirements(context.Background(), 2, 1)
	if err != nil || len(some) != 1 {
		t.Errorf("limit: %d %v", len(some), err)
	}
}

func TestNewICRDefaults(t *testing.T) {
	c, err := NewICR(ICRConfig{})
	if err != nil || c.BaseURL() != ICRDefaultURL {
		t.Errorf("default = %v %v", c, err)
	}
	if _, err := NewICR(ICRConfig{BaseURL: "not a url"}); err == nil {
		t.Errorf("bad URL accepted")
	}
}

func TestICRListOptionsValidation(t *testing.T) {
	rec := newRecorder(t, nil)
	c, _ := newTestICR(t, rec, nil)
	for _, opts := range []ICRListOptions{{Limit: -1}, {Page: -2}} {
		_, err := c.ListRetirements(context.Background(), opts)
		want := fmt.Sprintf("GET /v1/retirements: invalid options: limit and page must not be negative (0 leaves them unset), got limit %d, page %d", opts.Limit, opts.Page)
		if !errors.Is(err, ErrInvalidOptions) || err.Error() != want {
			t.Errorf("%+v: err = %v, want %q", opts, err, want)
		}
	}
	if n := rec.count.Load(); n != 0 {
		t.Errorf("%d requests sent with invalid options", n)
	}
}
