package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

func TestAccDataSourceCreditBatch(t *testing.T) {
	reg := newTestRegistry(t, nil)
	x := reg.seed
	const missing = "ctb_1NOTABATCH000000"
	cfg := func(name, id string) string {
		return fmt.Sprintf("data \"isometric_credit_batch\" %q {\n  id = %q\n}\n", name, id)
	}
	batches := map[string]string{
		"active":  localregistry.DemoBatchA1Buyer1,     // delivered, active
		"retired": localregistry.DemoBatchA1Retired,    // retired for the buyer itself
		"parent":  localregistry.DemoBatchB1Split,      // split: left and right child IDs
		"left":    localregistry.DemoBatchB1SplitLeft,  // retired for the beneficiary, parent_id set
		"right":   localregistry.DemoBatchB1SplitRight, // active, parent_id set
		"pool":    localregistry.DemoBatchA1BufferPool, // buffer pool, never delivered
	}
	config := reg.ProviderConfig(localregistry.DemoBuyerToken)
	var checks = expectFields("data.isometric_credit_batch.active", creditBatchFields(t, x, batches["active"]))
	for name, id := range batches {
		config += cfg(name, id)
		if name != "active" {
			checks = append(checks, expectFields("data.isometric_credit_batch."+name, creditBatchFields(t, x, id))...)
		}
	}
	// The demo world's documented split: parent -> left (retired 1 000 kg) + right (active 2 000 kg).
	parent := x.batches[localregistry.DemoBatchB1Split]
	if parent.LeftChildID == nil || *parent.LeftChildID != localregistry.DemoBatchB1SplitLeft || x.batches[localregistry.DemoBatchB1SplitRight].SizeKg != 2000 {
		t.Fatalf("the demo split is not as documented in demo_ids.go")
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      reg.ProviderConfig(localregistry.DemoBuyerToken) + cfg("x", missing),
				ExpectError: errorText(fmt.Sprintf(`Cannot read credit batch %q`, missing), `not found`, reg.APIEndpoint),
			},
			{
				Config:      reg.ProviderConfig(localregistry.DemoBuyerToken) + cfg("x", "ctb_1 BAD"),
				ExpectError: errorText(`Invalid credit batch ID "ctb_1 BAD"`, `a credit batch ID starts with "ctb_"`, `(this one has 9)`),
			},
			{Config: config, ConfigStateChecks: checks, Check: reg.expectPOSTs("", 0)},
		},
	})
}
