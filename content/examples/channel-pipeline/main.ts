import * as spans from "tutorial/spans";

// A minimal Go-style channel as an async queue. send() resolves once the
// value is in the buffer, or, for an unbuffered channel (capacity 0), once a
// receiver has taken it; close() ends every `for await` over the channel.
class Channel<T> implements AsyncIterable<T> {
	#capacity: number;
	#queue: Array<{ value: T; taken: () => void }> = [];
	#receivers: Array<(result: IteratorResult<T>) => void> = [];
	#closed = false;

	constructor(capacity = 0) {
		this.#capacity = capacity;
	}

	send(value: T): Promise<void> {
		if (this.#closed) return Promise.reject(new Error("send on closed channel"));
		const receiver = this.#receivers.shift();
		if (receiver) {
			receiver({ value, done: false });
			return Promise.resolve();
		}
		return new Promise((taken) => {
			this.#queue.push({ value, taken });
			if (this.#queue.length <= this.#capacity) taken();
		});
	}

	close(): void {
		this.#closed = true;
		for (const receiver of this.#receivers.splice(0)) receiver({ value: undefined, done: true });
	}

	receive(): Promise<IteratorResult<T>> {
		const item = this.#queue.shift();
		if (item) {
			item.taken();
			// Taking one frees a buffer slot for the next waiting sender.
			this.#queue[this.#capacity - 1]?.taken();
			return Promise.resolve({ value: item.value, done: false });
		}
		if (this.#closed) return Promise.resolve({ value: undefined, done: true });
		return new Promise((receiver) => this.#receivers.push(receiver));
	}

	async *[Symbol.asyncIterator](): AsyncIterator<T> {
		for (let result = await this.receive(); !result.done; result = await this.receive()) {
			yield result.value;
		}
	}
}

// generate sends each amount on its channel, then closes it to say "no more".
function generate(...amounts: number[]): Channel<number> {
	const out = new Channel<number>();
	// `go func() { ... }()`: start the task, don't wait for it.
	void (async () => {
		// Each stage is a lane in the tutorial's timeline.
		spans.start("generate");
		for (const amount of amounts) {
			await out.send(amount);
		}
		spans.end("generate");
		out.close();
	})();
	return out;
}

// addVAT receives amounts until its input is closed and sends each one
// with 10% VAT added. Its buffer lets it run up to two amounts ahead.
function addVAT(input: Channel<number>): Channel<number> {
	const out = new Channel<number>(2);
	void (async () => {
		spans.start("add-vat");
		for await (const amount of input) {
			await out.send(amount + Math.trunc(amount / 10));
		}
		spans.end("add-vat");
		out.close();
	})();
	return out;
}

async function main(): Promise<void> {
	let total = 0;
	// The loop ends when addVAT closes its channel, after the last amount.
	for await (const amount of addVAT(generate(12000, 4500, 30000, 8800, 15500))) {
		console.log("with VAT:", amount);
		total += amount;
	}
	console.log("total:", total);
}

await main();
