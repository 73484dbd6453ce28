// Command terraform-provider-isometric serves the Isometric Terraform provider (protocol 6).
package main

import (
	"flag"
	"log"
	"os"
	"strings"

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
	} else {
		for name, level := range logLevels(os.Getenv) {
			if err := os.Setenv(name, level); err != nil {
				log.Fatal(err.Error())
			}
		}
	}
	err := tf6server.Serve("registry.terraform.io/isometric/isometric", provider.ProtocolV6Server(version), opts...)
	if err != nil {
		log.Fatal(err.Error())
	}
}

// pluginLogVariables set the levels of the provider's loggers: the plugin SDK's (root, protocol,
// framework) and the provider's own (tflog).
var pluginLogVariables = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_ISOMETRIC"}

// logLevels returns the level to set for each logger variable the user left unset: the level at
// which the CLI keeps the provider's lines. Unset, those loggers write at TRACE, and the CLI
// (Terraform and OpenTofu alike) parses every line only to drop it below the level of
// TF_LOG_PROVIDER, else TF_LOG, and drops every line when neither is set. Writing and parsing
// those lines was about a quarter of the CPU of a plan, provider and CLI together (see `make
// bench`). An unknown level is left alone: the CLI keeps everything then.
func logLevels(getenv func(string) string) map[string]string {
	kept := strings.ToUpper(strings.TrimSpace(getenv("TF_LOG_PROVIDER")))
	if kept == "" {
		kept = strings.ToUpper(strings.TrimSpace(getenv("TF_LOG")))
	}
	switch kept {
	case "":
		kept = "OFF"
	case "TRACE", "JSON":
		return nil
	case "DEBUG", "INFO", "WARN", "ERROR", "OFF":
	default:
		return nil
	}
	levels := map[string]string{}
	for _, name := range pluginLogVariables {
		if getenv(name) == "" {
			levels[name] = kept
		}
	}
	return levels
}
