package provider

import (
	"testing"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// TestCatalogFlattenersMatchDescriptions flattens sample objects: a value that does not match its
// description panics (objectValue), so this guards every flattener of records_projects.go and the
// credit balance's of records_balances.go.
func TestCatalogFlattenersMatchDescriptions(t *testing.T) {
	loc := &client.Location{CountryCode: "USA", CountryName: "United States", Latitude: "41.14", Longitude: "-104.82"}
	sup := client.Supplier{ID: localregistry.DemoSupplierAID, Organisation: client.Organisation{ID: localregistry.DemoSupplierAOrgID, Name: "A"}, Location: loc}
	p := projectValue(client.Project{ID: localregistry.DemoProjectA1ID, Supplier: sup, Location: loc, IssuedCreditsTotal: client.CreditQuantity{CreditKgs: 1500, Credits: "1.500"}})
	if got := p.Attributes()["issued_credits_total"].String(); got != `{"kg":1500,"tonnes":1.5}` {
		t.Errorf("issued_credits_total = %s", got)
	}
	if p.Attributes()["validator_name"].IsNull() != true {
		t.Errorf("validator_name of a project without one should be null")
	}
	projectDocumentValue(client.ProjectDocument{ID: localregistry.DemoDocumentID})
	issuanceValue(client.Issuance{ID: localregistry.DemoIssuanceA1ID, Supplier: sup})
	issuanceBatchesValues(client.IssuanceCreditBatches{SupplierCreditBatches: []client.CreditBatch{{ID: localregistry.DemoBatchA1Buyer1}}})
	bal := organisationCreditBalanceValues(client.OrganisationCreditBalance{
		Total:            client.CreditBalance{ActiveCreditsTotal: client.CreditQuantity{CreditKgs: 2500}},
		SupplierBalances: []client.SupplierCreditBalance{{SupplierID: localregistry.DemoSupplierAID}},
		ProjectBalances:  []client.ProjectCreditBalance{{ProjectID: localregistry.DemoProjectA1ID}},
		OrderBalances:    []client.OrderCreditBalance{{OrderID: localregistry.DemoOrderA1ID}},
	})
	// The registry's `credits` is missing here: tonnes are derived exactly from the kg.
	if got := bal["total"].String(); got != `{"active":{"kg":2500,"tonnes":2.5},"retired":{"kg":0,"tonnes":0}}` {
		t.Errorf("total = %s", got)
	}
	for _, name := range []string{"supplier_balances", "project_balances", "order_balances"} {
		if _, ok := bal[name]; !ok {
			t.Errorf("no %s", name)
		}
	}
}
