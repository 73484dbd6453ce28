// Command terraform-provider-isometric serves the Isometric Terraform provider (protocol 6).
package main

import (
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/isometric/terraform-provider-isometric/internal/provider"
)

// version is set at build time: go build -ldflags "-X main.version=1.2.3" (goreleaser does this).
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "start the provider with support for debuggers like delve (prints TF_REATTACH_PROVIDERS)")
	flag.Parse()

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	err := tf6server.Serve("registry.terraform.io/isometric/isometric", provider.ProtocolV6Server(version), opts...)
	if err != nil {
		log.Fatal(err.Error())
	}
}
