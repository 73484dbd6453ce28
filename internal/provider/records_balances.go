package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// Descriptions and flatteners of credit balances (GET /organisations/{id}/credit_balance).
var (
	// creditBalanceAttrs is one balance: active and retired credits.
	creditBalanceAttrs = []computedAttr{
		{Name: "active", Object: quantityAttrs, Desc: "Active (usable) credits."},
		{Name: "retired", Object: quantityAttrs, Desc: "Retired credits."},
	}
	// organisationCreditBalanceAttrs is GET /organisations/{id}/credit_balance.
	organisationCreditBalanceAttrs = []computedAttr{
		{Name: "total", Object: creditBalanceAttrs, Desc: "All credits of the organisation."},
		{Name: "supplier_balances", List: keyedBalanceAttrs("supplier_id", "Supplier ID (`spl_…`)."), Desc: "The balance per supplier the credits were issued to, in the registry's order."},
		{Name: "project_balances", List: keyedBalanceAttrs("project_id", "Project ID (`prj_…`)."), Desc: "The balance per project the credits were issued for, in the registry's order."},
		{Name: "order_balances", List: keyedBalanceAttrs("order_id", "Order ID (`ord_…`)."), Desc: "The balance per order the credits were delivered against, in the registry's order."},
	}
)

// keyedBalanceAttrs is a balance of one supplier, project or order (key names the ID attribute).
func keyedBalanceAttrs(key, desc string) []computedAttr {
	return append([]computedAttr{{Name: key, Type: types.StringType, Desc: desc}}, creditBalanceAttrs...)
}

// creditBalanceValue flattens a balance {active, retired}.
func creditBalanceValue(b client.CreditBalance) types.Object {
	return objectValue(creditBalanceAttrs, map[string]attr.Value{
		"active":  quantityValue(b.ActiveCreditsTotal),
		"retired": quantityValue(b.RetiredCreditsTotal),
	})
}

// keyedBalanceValue flattens the balance of one supplier, project or order.
func keyedBalanceValue(key, id string, b client.CreditBalance) types.Object {
	return objectValue(keyedBalanceAttrs(key, ""), map[string]attr.Value{
		key:       types.StringValue(id),
		"active":  quantityValue(b.ActiveCreditsTotal),
		"retired": quantityValue(b.RetiredCreditsTotal),
	})
}

// organisationCreditBalanceValues flattens an organisation's credit balance into
// organisationCreditBalanceAttrs values.
func organisationCreditBalanceValues(b client.OrganisationCreditBalance) map[string]attr.Value {
	suppliers := make([]attr.Value, 0, len(b.SupplierBalances))
	for _, s := range b.SupplierBalances {
		suppliers = append(suppliers, keyedBalanceValue("supplier_id", s.SupplierID, s.Total))
	}
	projects := make([]attr.Value, 0, len(b.ProjectBalances))
	for _, p := range b.ProjectBalances {
		projects = append(projects, keyedBalanceValue("project_id", p.ProjectID, p.Total))
	}
	orders := make([]attr.Value, 0, len(b.OrderBalances))
	for _, o := range b.OrderBalances {
		orders = append(orders, keyedBalanceValue("order_id", o.OrderID, o.Total))
	}
	return map[string]attr.Value{
		"total":             creditBalanceValue(b.Total),
		"supplier_balances": listValue(keyedBalanceAttrs("supplier_id", ""), suppliers),
		"project_balances":  listValue(keyedBalanceAttrs("project_id", ""), projects),
		"order_balances":    listValue(keyedBalanceAttrs("order_id", ""), orders),
	}
}
