// hls.js ships no types for its light build; it is the same API as the full one, without the
// subtitle and alternate-audio controllers (the player does those itself).
declare module "hls.js/light" {
  import Hls from "hls.js";
  export default Hls;
}
