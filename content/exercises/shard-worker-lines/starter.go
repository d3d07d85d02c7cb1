package main

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
)

// The protocol, one JSON object per line:
//
//	request: {"query":"customer_total","id":3}
//	reply:   {"id":3,"orders":2,"amount":12800}
//	or:      {"error":"bad request"}
//	request: {"query":"bye"}   (no reply: the worker closes the connection)
type request struct {
	Query string `json:"query"`
	ID    int    `json:"id"`
}

type customerTotal struct {
	ID     int `json:"id"`
	Orders int `json:"orders"`
	Amount int `json:"amount"`
}

type failure struct {
	Error string `json:"error"`
}

// The shard's data: ORDERS looks like "3:8800,5:1200,3:4000" (customer id:amount).
var totals = map[int]customerTotal{}

func main() {
	for _, order := range strings.Split(os.Getenv("ORDERS"), ",") {
		id, amount, _ := strings.Cut(order, ":")
		customer, _ := strconv.Atoi(id)
		n, _ := strconv.Atoi(amount)
		t := totals[customer]
		totals[customer] = customerTotal{ID: customer, Orders: t.Orders + 1, Amount: t.Amount + n}
	}

	ln, err := net.Listen("tcp", ":8080")
	if err != nil {
		fmt.Println("Error listening:", err.Error())
		return
	}
	for {
		conn, err := ln.Accept()
		if err != nil {
			fmt.Println("Error accepting connection:", err.Error())
			continue
		}
		go handleConnection(conn)
	}
}

func answer(req request) any {
	if req.Query != "customer_total" {
		return failure{Error: "bad request"}
	}
	t := totals[req.ID]
	t.ID = req.ID
	return t
}

func handleConnection(conn net.Conn) {
	defer conn.Close()
	served := 0
	buf := make([]byte, 1024)
	for {
		// One Read, taken to be one request.
		n, err := conn.Read(buf)
		if err != nil {
			break
		}
		var req request
		var rep any
		if err := json.Unmarshal(buf[:n], &req); err != nil {
			rep = failure{Error: "bad request"}
		} else if req.Query == "bye" {
			break
		} else {
			rep = answer(req)
		}
		// Indented, to be easy to read.
		out, _ := json.MarshalIndent(rep, "", "  ")
		conn.Write(append(out, '\n'))
		served++
	}
	fmt.Printf("served %d requests\n", served)
}
