package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// Every flattener returns exactly the attributes its description declares (objectValue panics otherwise).
func TestTransactionFlattenersMatchDescriptions(t *testing.T) {
	s := "x"
	org := client.Organisation{ID: "org_1GB56M1ST1S0GVNA", Name: "Org"}
	q := client.CreditQuantity{CreditKgs: 1500, Credits: "1.5"}
	for name, obj := range map[string]func() types.Object{
		"order":    func() types.Object { return orderValue(client.Order{BuyerOrganisation: org, CreditsOrdered: q}) },
		"delivery": func() types.Object { return deliveryValue(client.Delivery{Notes: &s, CreditBatchSizeTotal: q}) },
		"transfer": func() types.Object { return transferValue(client.Transfer{FromOrganisation: org}) },
		"retirement": func() types.Object {
			return retirementValue(client.Retirement{Purposes: []client.RetirementPurpose{client.RetirementPurposeOther}})
		},
		"refund": func() types.Object { return objectValue(refundAttrs, refundValues(client.BufferPoolRefund{})) },
		"stripe configuration": func() types.Object {
			return objectValue(stripeConfigurationAttrs, stripeConfigurationValues(client.SupplierStripeConfiguration{}))
		},
		"icr retirement": func() types.Object { return icrRetirementValue(client.ICRRetirement{Amount: "1"}) },
	} {
		if v := obj(); v.IsNull() || v.IsUnknown() {
			t.Errorf("%s: got %s", name, v)
		}
	}
}

func TestOrderRemaining(t *testing.T) {
	for _, c := range []struct{ ordered, delivered, remaining int64 }{
		{50000, 10000, 40000}, {50000, 50000, 0}, {1000, 1500, 0}, {9_000_000_000_001, 1, 9_000_000_000_000},
	} {
		kg, tonnes := quantityOf(t, orderValues(client.Order{
			CreditsOrdered:   client.CreditQuantity{CreditKgs: c.ordered},
			CreditsDelivered: client.CreditQuantity{CreditKgs: c.delivered},
		})["credits_remaining"])
		if kg != c.remaining {
			t.Errorf("ordered %d, delivered %d: remaining %d kg, want %d", c.ordered, c.delivered, kg, c.remaining)
		}
		if want := tonnesFromKg(c.remaining); tonnes.Cmp(want) != 0 {
			t.Errorf("remaining tonnes %s, want %s", tonnes.Text('f', -1), want.Text('f', -1))
		}
	}
}

func TestICRRetirementValues(t *testing.T) {
	// Missing project and owner are null objects; the amount keeps every digit.
	v := icrRetirementValues(client.ICRRetirement{ID: "r1", Amount: json.Number("123456789012345678901.125")})
	for _, name := range []string{"project", "organization_owner"} {
		if !v[name].IsNull() {
			t.Errorf("%s = %s, want null", name, v[name])
		}
	}
	want, _, _ := big.ParseFloat("123456789012345678901.125", 10, 512, big.ToNearestEven)
	if got := as[types.Number](t, v["amount"], "amount").ValueBigFloat(); got.Cmp(want) != 0 {
		t.Errorf("amount %s, want 123456789012345678901.125", got.Text('f', -1))
	}
	// An amount that is not a number is null rather than a wrong number.
	if v := icrRetirementValues(client.ICRRetirement{Amount: "n/a"}); !v["amount"].IsNull() {
		t.Errorf("amount of %q = %s, want null", "n/a", v["amount"])
	}
	// Every described attribute is present.
	for _, a := range icrRetirementAttrs {
		if _, ok := v[a.Name]; !ok {
			t.Errorf("icrRetirementValues lacks %q", a.Name)
		}
	}
}

func TestQuantityTotal(t *testing.T) {
	total := quantityTotal(func(r client.Retirement) client.CreditQuantity { return r.CreditBatchSizeTotal })
	kg, tonnes := quantityOf(t, total([]client.Retirement{
		{CreditBatchSizeTotal: client.CreditQuantity{CreditKgs: 1}},
		{CreditBatchSizeTotal: client.CreditQuantity{CreditKgs: 4_611_686_018_427_387_000}},
	})["total"])
	if kg != 4_611_686_018_427_387_001 {
		t.Errorf("total kg %d", kg)
	}
	if s := tonnes.Text('f', 3); s != "4611686018427387.001" {
		t.Errorf("total tonnes %s", s)
	}
	if kg, _ := quantityOf(t, total(nil)["total"]); kg != 0 {
		t.Errorf("total of nothing: %d kg", kg)
	}
}

// quantityOf reads a {kg, tonnes} object.
func quantityOf(t *testing.T, v attr.Value) (int64, *big.Float) {
	t.Helper()
	obj := as[types.Object](t, v, "a quantity")
	return as[types.Int64](t, obj.Attributes()["kg"], "kg").ValueInt64(), as[types.Number](t, obj.Attributes()["tonnes"], "tonnes").ValueBigFloat()
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
