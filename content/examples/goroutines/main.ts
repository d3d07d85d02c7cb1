// Each task is an async function; Promise.all waits for every one of them,
// the way wg.Wait() waits until each goroutine has called wg.Done().
async function main(): Promise<void> {
	const data = ["Data 1", "Data 2", "Data 3"];

	await Promise.all(
		data.map(async (data) => {
			// 데이터 처리 로직
			console.log("Processing data:", data);
		}),
	);
}

await main();
