package provider

import (
	"encoding/json"
	"math/big"
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

// quantityOf reads a {kg, tonnes} object.
func quantityOf(t *testing.T, v attr.Value) (int64, *big.Float) {
	t.Helper()
	obj := as[types.Object](t, v, "a quantity")
	return as[types.Int64](t, obj.Attributes()["kg"], "kg").ValueInt64(), as[types.Number](t, obj.Attributes()["tonnes"], "tonnes").ValueBigFloat()
}
