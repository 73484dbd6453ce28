package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// issuanceBatchFields are the batches of an issuance as GET /issuances/{id}/credit_batches lists
// them: the original batches (not split children), divided between supplier and buffer pool, in
// seed order.
func issuanceBatchFields(t *testing.T, x *seedIndex, id string) map[string]knownvalue.Check {
	var sup, buf []map[string]knownvalue.Check
	for _, b := range x.seed.CreditBatches {
		if b.IssuanceID != id || b.ParentID != nil {
			continue
		}
		if b.BufferPool {
			buf = append(buf, creditBatchFields(t, x, b.ID))
		} else {
			sup = append(sup, creditBatchFields(t, x, b.ID))
		}
	}
	return map[string]knownvalue.Check{"supplier_credit_batches": objectsExact(sup...), "buffer_pool_credit_batches": objectsExact(buf...)}
}

func TestAccDataSourceIssuance(t *testing.T) {
	reg := newTestRegistry(t, nil)
	x := reg.seed
	const missing = "iss_1NOTANISSUANCE00"
	cfg := func(name, id string) string {
		return fmt.Sprintf("data \"isometric_issuance\" %q {\n  id = %q\n}\n", name, id)
	}
	fields := func(id string) map[string]knownvalue.Check {
		f := issuanceFields(t, x, id)
		for k, v := range issuanceBatchFields(t, x, id) {
			f[k] = v
		}
		return f
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      reg.ProviderConfig(localregistry.DemoBuyerToken) + cfg("x", missing),
				ExpectError: errorText(fmt.Sprintf(`Cannot read issuance %q`, missing), `not found`, reg.APIEndpoint),
			},
			{
				Config:      reg.ProviderConfig(localregistry.DemoBuyerToken) + cfg("x", localregistry.DemoBatchA1Buyer1),
				ExpectError: errorText(fmt.Sprintf(`Invalid issuance ID %q`, localregistry.DemoBatchA1Buyer1), `an issuance ID starts with "iss_"`),
			},
			{
				// A1: four supplier batches and one buffer pool batch; B1: a split parent (its
				// children are not original batches) and two buffer pool batches.
				Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + cfg("a1", localregistry.DemoIssuanceA1ID) + cfg("b1", localregistry.DemoIssuanceB1ID),
				ConfigStateChecks: append(
					expectFields("data.isometric_issuance.a1", fields(localregistry.DemoIssuanceA1ID)),
					expectFields("data.isometric_issuance.b1", fields(localregistry.DemoIssuanceB1ID))...),
				Check: reg.expectPOSTs("", 0),
			},
		},
	})
}
