package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// checkICRPages checks that every read of GET /icr/v1/retirements asked for pages 1..pages, in
// pages of client.MaxPageSize, and never beyond.
func checkICRPages(reg *testRegistry, pages int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		count := map[int]int{}
		for _, r := range reg.Registry.Requests() {
			if r.Method != "GET" || r.Path != "/icr/v1/retirements" {
				continue
			}
			q, _ := url.ParseQuery(r.Query)
			if q.Get("limit") != strconv.Itoa(client.MaxPageSize) {
				return fmt.Errorf("GET %s?%s: want limit=%d", r.Path, r.Query, client.MaxPageSize)
			}
			page, _ := strconv.Atoi(q.Get("page"))
			count[page]++
		}
		for p := 1; p <= pages; p++ {
			if count[p] == 0 || count[p] != count[1] {
				return fmt.Errorf("ICR pages requested %v, want pages 1..%d once per read", count, pages)
			}
		}
		if len(count) != pages {
			return fmt.Errorf("ICR pages requested %v, want pages 1..%d only", count, pages)
		}
		return nil
	}
}

// TestAccDataSourceICRRetirements reads more ICR retirements than one page holds (following the
// ICR's page/limit pagination), one entity's, with a limit, an entity without retirements, and
// checks the errors: a malformed entity ID and a provider without ICR access.
func TestAccDataSourceICRRetirements(t *testing.T) {
	const typ = "isometric_icr_retirements"
	seed := pagedSeed(t, pagedTransactions)
	reg := newTestRegistry(t, seed)
	// The ICR lists retirements by createdAt, most recent first.
	icr := seedList[localregistry.ICRRetirement]{t: t, x: reg.seed, items: seed.ICR.Retirements,
		at: func(r *localregistry.ICRRetirement) time.Time {
			at, err := time.Parse(time.RFC3339, r.CreatedAt)
			if err != nil {
				t.Fatalf("ICR retirement %s: createdAt: %v", r.ID, err)
			}
			return at
		},
		id: func(r *localregistry.ICRRetirement) string { return r.ID },
	}
	ids := icr.ids
	all := icr.list(func(*localregistry.ICRRetirement) bool { return true })
	ofEntity := icr.list(func(r *localregistry.ICRRetirement) bool {
		return r.OrganizationID == localregistry.DemoICREntityID || r.OrganizationOwner.ID == localregistry.DemoICREntityID
	})
	if len(all) <= client.MaxPageSize || len(ofEntity) <= client.MaxPageSize || len(ofEntity) == len(all) {
		t.Fatalf("the seed has %d ICR retirements, %d of the demo entity: want more than a page, and others", len(all), len(ofEntity))
	}
	demo := must(t, reg.seed.icrRetirements[localregistry.DemoICRRetirementID], "ICR retirement", localregistry.DemoICRRetirementID)
	generatedID := fmt.Sprintf("00000000-0000-4000-8000-%012d", 7)
	generated := must(t, reg.seed.icrRetirements[generatedID], "ICR retirement", generatedID)
	withICR := reg.ProviderConfigWithICR(localregistry.DemoBuyerToken, localregistry.DemoICRToken)

	const addr = "data." + typ + "."
	checks := append(expectList(addr+"all", "retirements", ids(all), len(all)),
		statecheck.ExpectKnownValue(addr+"all", tfjsonpath.New("retirements"), knownvalue.ListPartial(map[int]knownvalue.Check{
			indexOf(ids(all), demo.ID): knownvalue.ObjectExact(icrRetirementFields(t, demo)),
			// 12345678901234567.007: more digits than a float64 holds, kept exactly.
			indexOf(ids(all), generated.ID): knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"amount": decimalCheck(t, "12345678901234567.007"),
			}),
		})),
	)
	checks = append(checks, expectList(addr+"entity", "retirements", ids(ofEntity), len(ofEntity))...)
	checks = append(checks, expectList(addr+"entity_limited", "retirements", ids(ofEntity[:5]), len(ofEntity))...)
	checks = append(checks, expectList(addr+"none", "retirements", nil, 0)...)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			missingICRStep(reg, typ, ""),
			{
				Config:      withICR + dataBlock(typ, `entity_id = "a/b"`),
				ExpectError: errorText(`Invalid entity_id "a/b"`, "an ICR ID is a single token"),
			},
			{
				// A wrong ICR token: the error names the ICR endpoint.
				Config:      reg.ProviderConfigWithICR(localregistry.DemoBuyerToken, "wrong-icr-token") + dataBlock(typ, ""),
				ExpectError: errorText("Cannot list retirements", "401 Unauthorized", "ICR API at "+reg.ICREndpoint),
			},
			{
				PreConfig: resetRequests(reg),
				Config: withICR + fmt.Sprintf(`
data "isometric_icr_retirements" "all" {}
data "isometric_icr_retirements" "entity" {
  entity_id = %[1]q
}
data "isometric_icr_retirements" "entity_limited" {
  entity_id = %[1]q
  limit     = 5
}
data "isometric_icr_retirements" "none" {
  entity_id = "00000000-0000-0000-0000-000000000000"
}
`, localregistry.DemoICREntityID),
				ConfigStateChecks: checks,
				Check:             resource.ComposeAggregateTestCheckFunc(reg.expectPOSTs("", 0), checkICRPages(reg, 2)),
			},
			{
				PreConfig:         resetRequests(reg),
				Config:            withICR + "\ndata \"isometric_icr_retirements\" \"limited\" {\n  limit = 3\n}\n",
				ConfigStateChecks: expectList(addr+"limited", "retirements", ids(all[:3]), len(all)),
				Check:             checkICRPages(reg, 1),
			},
		},
	})
}

// icrServer serves GET /v1/retirements with n retirements and the pagination block pagination
// returns for a page; it counts the requests.
func icrServer(t *testing.T, n int, pagination func(page, limit, n int) map[string]int) (*client.ICRClient, *int) {
	t.Helper()
	requests := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests++
		if r.URL.Path != "/v1/retirements" {
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"statusCode":404,"message":"Not Found"}`))
			return
		}
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		var items []string
		for i := (page - 1) * limit; i < page*limit && i < n; i++ {
			items = append(items, fmt.Sprintf(`{"id":"r%d","amount":%d}`, i, i))
		}
		p, _ := json.Marshal(pagination(page, limit, n))
		_, _ = fmt.Fprintf(w, `{"retirements":[%s],"pagination":%s}`, strings.Join(items, ","), p)
	}))
	t.Cleanup(srv.Close)
	icr, err := client.NewICR(client.ICRConfig{BaseURL: srv.URL, AccessToken: "t", MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return icr, &requests
}

func TestICRRetirementPages(t *testing.T) {
	honest := func(page, limit, n int) map[string]int {
		count := (n + limit - 1) / limit
		next := 0
		if page < count {
			next = page + 1
		}
		return map[string]int{"total": n, "currentPage": page, "pageCount": count, "nextPage": next, "prevPage": page - 1}
	}
	for _, c := range []struct {
		name       string
		n, limit   int
		pagination func(page, limit, n int) map[string]int
		want, reqs int
	}{
		{"three pages", 120, 0, honest, 120, 3},
		{"limit stops early", 120, 60, honest, 60, 2},
		{"empty", 0, 0, honest, 0, 1},
		// A next page that never advances, or one past the page count, ends the walk.
		{"next page repeats", 120, 0, func(page, limit, n int) map[string]int {
			return map[string]int{"total": n, "currentPage": page, "pageCount": 3, "nextPage": page}
		}, 50, 1},
		{"next page beyond the count", 60, 0, func(page, limit, n int) map[string]int {
			return map[string]int{"total": n, "currentPage": page, "pageCount": 2, "nextPage": page + 1}
		}, 60, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			icr, requests := icrServer(t, c.n, c.pagination)
			got, err := client.All(context.Background(), icrRetirementPages(icr, ""), c.limit)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != c.want || *requests != c.reqs {
				t.Fatalf("read %d retirements in %d requests, want %d in %d", len(got), *requests, c.want, c.reqs)
			}
			for i, r := range got {
				if r.ID != fmt.Sprintf("r%d", i) {
					t.Fatalf("retirement %d is %s: order lost", i, r.ID)
				}
			}
		})
	}
}

func TestICRListErrorNamesTheICREndpoint(t *testing.T) {
	icr, _ := icrServer(t, 0, nil)
	_, err := client.All(context.Background(), icrRetirementPages(icr, "entity-1"), 0)
	if err == nil {
		t.Fatal("want an error for an unknown entity path")
	}
	if !strings.Contains(err.Error(), "ICR API at "+icr.BaseURL()) || !strings.Contains(err.Error(), "404") {
		t.Errorf("error %q does not name the ICR endpoint and the status", err)
	}
	if errors.Is(err, client.ErrNotFound) {
		t.Errorf("the list error must not unwrap to the Isometric Registry's not-found advice")
	}
}
