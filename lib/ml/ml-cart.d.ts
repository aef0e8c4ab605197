// ml-cart ships no types; this declares the part of its API the models here use.
declare module "ml-cart" {
  export interface CartMatrix {
    getRow(index: number): number[];
  }
  export interface CartNode {
    splitColumn?: number;
    splitValue?: number;
    left?: CartNode;
    right?: CartNode;
    distribution?: CartMatrix | number;
    classify(row: number[]): CartMatrix | number;
  }
  export interface CartOptions {
    gainFunction?: "gini" | "regression";
    minNumSamples?: number;
    maxDepth?: number;
    gainThreshold?: number;
  }
  export class DecisionTreeClassifier {
    constructor(options?: CartOptions);
    root: CartNode;
    train(x: number[][], y: number[]): void;
    predict(x: number[][]): number[];
    toJSON(): object;
    static load(model: unknown): DecisionTreeClassifier;
  }
  export class DecisionTreeRegression {
    constructor(options?: CartOptions);
    root: CartNode;
    train(x: number[][], y: number[]): void;
    predict(x: number[][]): number[];
    toJSON(): object;
    static load(model: unknown): DecisionTreeRegression;
  }
}
