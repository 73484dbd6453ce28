// Command rsswrap runs the program named by RSSWRAP_PROGRAM with this process's arguments and
// standard streams, and when it exits appends its peak resident memory (kB) to the file named by
// RSSWRAP_OUT. The bench installs it in place of the provider binary to measure the provider's
// memory while Terraform runs it.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

func main() {
	cmd := exec.Command(os.Getenv("RSSWRAP_PROGRAM"), os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr, cmd.Env = os.Stdin, os.Stdout, os.Stderr, os.Environ()
	err := cmd.Run()
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			if f, ferr := os.OpenFile(os.Getenv("RSSWRAP_OUT"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); ferr == nil {
				_, _ = fmt.Fprintln(f, ru.Maxrss)
				_ = f.Close()
			}
		}
		os.Exit(cmd.ProcessState.ExitCode())
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "rsswrap:", err)
		os.Exit(1)
	}
}
