// The exercises as the pages see them, read from content/exercises at build
// time (the same files the server checks against); checkers are not loaded.
import path from "node:path";
import { type ExerciseText, loadExerciseTexts } from "../../server/exercises/catalog.ts";

let exercises: Map<string, ExerciseText> | null = null;

export function getExercise(id: string): ExerciseText {
  if (!exercises || import.meta.env.DEV) exercises = loadExerciseTexts(path.join(process.cwd(), "content", "exercises"));
  const exercise = exercises.get(id);
  if (!exercise) {
    throw new Error(
      `A lesson refers to the exercise "${id}", but content/exercises/${id}/ does not exist. Known: ${[...exercises.keys()].join(", ")}`,
    );
  }
  return exercise;
}
