package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

func ptr[T any](v T) *T { return &v }

func TestTonnesValuePrefersRegistryFigureAndFallsBackToKg(t *testing.T) {
	if got := tonnesValue(12500, json.Number("12.5")).ValueBigFloat(); got.Cmp(big.NewFloat(12.5)) != 0 {
		t.Errorf("registry figure: got %v, want 12.5", got)
	}
	if got := tonnesValue(7250, "").ValueBigFloat(); got.Cmp(big.NewFloat(7.25)) != 0 {
		t.Errorf("empty credits: got %v, want 7.25 derived from kg", got)
	}
	if got := tonnesValue(7250, json.Number("not-a-number")).ValueBigFloat(); got.Cmp(big.NewFloat(7.25)) != 0 {
		t.Errorf("garbage credits: got %v, want 7.25 derived from kg", got)
	}
}

func TestCreditBatchValue(t *testing.T) {
	split := client.CreditBatch{
		ID: "ctb_1DEMOBATCHB1S001", SerialNumber: "ISO-1-X-USA-01P4-2025-100-3100", Status: client.CreditBatchStatusSplit,
		Size:     client.CreditQuantity{CreditKgs: 3000, Credits: json.Number("3")},
		IssuedAt: "2025-01-02T03:04:05Z", SequesteredOn: "2025-01-01", CountryOfIssue: "USA",
		SupplierID: "spl_1DEMOSUPPLIERB01", ProjectID: "prj_1DEMOPROJECTB001", IssuanceID: "iss_1DEMOISSUANCEB01", RemovalID: "rmv_1DEMOREMOVAL00001",
		LeftChildID: ptr("ctb_1DEMOBATCHB1S002"), RightChildID: ptr("ctb_1DEMOBATCHB1S003"),
		Owner: client.Organisation{ID: "org_1DEMOBUYER000001", Name: "Demo Buyer"},
	}
	v := creditBatchValue(split)
	attrs := v.Attributes()
	if got := as[types.String](t, attrs["left_child_id"], "left_child_id").ValueString(); got != "ctb_1DEMOBATCHB1S002" {
		t.Errorf("left_child_id = %q", got)
	}
	for _, null := range []string{"retired_at", "delivered_at", "delivery_id", "retirement_id", "parent_id", "beneficiary", "carbon_removal_data"} {
		if !attrs[null].IsNull() {
			t.Errorf("%s should be null, got %s", null, attrs[null])
		}
	}
	owner := as[types.Object](t, attrs["owner"], "owner").Attributes()
	if !owner["domain"].IsNull() || as[types.String](t, owner["id"], "owner.id").ValueString() != "org_1DEMOBUYER000001" {
		t.Errorf("owner = %s", attrs["owner"])
	}
	size := as[types.Object](t, attrs["size"], "size").Attributes()
	if as[types.Int64](t, size["kg"], "size.kg").ValueInt64() != 3000 ||
		as[types.Number](t, size["tonnes"], "size.tonnes").ValueBigFloat().Cmp(big.NewFloat(3)) != 0 {
		t.Errorf("size = %s", attrs["size"])
	}

	list := creditBatchListValue(creditBatchSummaryAttrs, creditBatchSummaryValue, []client.CreditBatch{split, split})
	if len(list.Elements()) != 2 {
		t.Fatalf("list has %d elements", len(list.Elements()))
	}
	if empty := creditBatchListValue(creditBatchAttrs, creditBatchValue, nil); empty.IsNull() || len(empty.Elements()) != 0 {
		t.Errorf("no batches must give an empty (not null) list, got %s", empty)
	}
}

func TestSupplierValue(t *testing.T) {
	if !supplierValue(nil).IsNull() {
		t.Error("nil supplier must be null")
	}
	s := supplierValue(&client.Supplier{
		ID: "spl_1DEMOSUPPLIERA01", ShortDescription: ptr("DAC in Iceland"),
		Organisation: client.Organisation{ID: "org_1DEMOSUPPLIERA01", Name: "Alpha Removals", Domain: ptr("alpha.example")},
		Location:     &client.Location{CountryCode: "ISL", CountryName: "Iceland", Latitude: "64.1466", Longitude: "-21.9426"},
	}).Attributes()
	if !s["long_description"].IsNull() {
		t.Error("long_description should be null")
	}
	location := as[types.Object](t, s["location"], "location").Attributes()
	lat := as[types.Number](t, location["latitude"], "location.latitude").ValueBigFloat()
	if lat.Cmp(decimalNumber("64.1466")) != 0 {
		t.Errorf("latitude = %v", lat)
	}
}

// BenchmarkCreditBatchListValue measures what isometric_credit_batches builds for 10 000 batches:
// the list value and its conversion to the Terraform value the state holds (B/op is the figure).
func BenchmarkCreditBatchListValue(b *testing.B) {
	batches := make([]client.CreditBatch, 10000)
	for i := range batches {
		id := fmt.Sprintf("ctb_1BENCH%012d", i)
		batches[i] = client.CreditBatch{ID: id, SerialNumber: "ISO-1-BENCH-USA-0001-2025-" + id, Status: client.CreditBatchStatusActive,
			Size: client.CreditQuantity{CreditKgs: 1000, Credits: "1.000"}, IssuedAt: "2026-01-01T00:00:00Z", SequesteredOn: "2025-08-01",
			CountryOfIssue: "USA", SupplierID: "spl_1BENCHSUPPLIER001", ProjectID: "prj_1BENCHPROJECT0001", IssuanceID: "iss_1BENCHISSUANCE01",
			Owner: client.Organisation{ID: "org_1BENCHOWNER00001", Name: "Owner"}}
	}
	b.ReportAllocs()
	for b.Loop() {
		v := creditBatchListValue(creditBatchAttrs, creditBatchValue, batches)
		if _, err := v.ToTerraformValue(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
