package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// transactionLifecycleCase is one transaction resource's part of testTransactionLifecycle.
type transactionLifecycleCase struct {
	// addr is the resource's address; post the API path of its create request, e.g. "/transfers";
	// records names its records in failure messages, e.g. "transfers".
	addr, post, records string
	// config is the configuration of the one resource in reg.
	config func(reg *testRegistry) string
	// stateChecks check the recorded resource in the state.
	stateChecks func(reg *testRegistry) []statecheck.StateCheck
	// inRegistry checks the registry after the create: exactly one new record, the one in state.
	inRegistry func(reg *testRegistry) resource.TestCheckFunc
	// newRecords counts the registry's records of the kind other than the seed's.
	newRecords func(reg *testRegistry) int
	// changes are steps that change an argument of the recorded resource, each expecting its error.
	changes func(reg *testRegistry) []resource.TestStep
	// notFound is the error of a refresh against a registry without the record.
	notFound *regexp.Regexp
}

// testTransactionLifecycle creates a transaction resource with one POST, plans no change after it,
// imports it (verified, and by an import block with the same configuration: no change), rejects
// the c.changes, fails to refresh against another registry (which receives no POST), plans no
// change with the same state checks again, and on destroy leaves the registry's record in place.
func testTransactionLifecycle(t *testing.T, c transactionLifecycleCase) {
	t.Helper()
	reg := newTestRegistry(t, nil)
	reg2 := newTestRegistry(t, nil)
	config := c.config(reg)
	emptyPlan := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}

	steps := []resource.TestStep{
		{
			Config:            config,
			ConfigStateChecks: c.stateChecks(reg),
			Check:             resource.ComposeTestCheckFunc(c.inRegistry(reg), reg.expectPOSTs(c.post, 1)),
		},
		{
			Config:           config,
			ConfigPlanChecks: emptyPlan,
			Check:            reg.expectPOSTs(c.post, 1),
		},
		// The registry records the left child of a split batch: the import holds it in credit_batch_quantities.
		{
			ResourceName:            c.addr,
			ImportState:             true,
			ImportStateVerify:       true,
			ImportStateVerifyIgnore: []string{"credit_batch_quantities", "timeouts"},
		},
		// With the configuration naming the parent batch, the import plans no change.
		{
			Config:          config,
			ResourceName:    c.addr,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
		},
	}
	steps = append(steps, c.changes(reg)...)
	steps = append(steps,
		resource.TestStep{
			Config:      strings.Replace(config, reg.APIEndpoint, reg2.APIEndpoint, 1),
			ExpectError: c.notFound,
		},
		resource.TestStep{
			Config:            config,
			ConfigPlanChecks:  emptyPlan,
			ConfigStateChecks: c.stateChecks(reg),
			Check:             reg.expectPOSTs(c.post, 1),
		},
	)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if n := c.newRecords(reg); n != 1 {
				return fmt.Errorf("after destroy the registry has %d new %s, want 1 (destroy must not undo)", n, c.records)
			}
			return reg.expectPOSTs(c.post, 1)(nil)
		},
		Steps: steps,
	})
	reg2.assertPOSTs(t, "", 0)
}

// configErrorCase is a configuration of a resource, by its arguments, that fails with the error text want.
type configErrorCase[A any] struct {
	name string
	args A
	want string
}

// testConfigErrors applies config(reg, args) of each case in a subtest, which fails with the case's
// error text; reg never receives a POST.
func testConfigErrors[A any](t *testing.T, reg *testRegistry, config func(*testRegistry, A) string, cases []configErrorCase[A]) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: config(reg, c.args), ExpectError: errorText(c.want)}},
			})
		})
	}
	reg.assertPOSTs(t, "", 0)
}

// oneBatch is a credit_batch_quantities of kg from the one batch id.
func oneBatch(id string, kg int64) []client.CreditBatchQuantity {
	return []client.CreditBatchQuantity{{CreditBatchID: id, CreditQuantityKg: kg}}
}
