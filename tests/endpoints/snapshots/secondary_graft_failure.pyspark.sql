WITH `t4` AS (
  SELECT
    `t1`.`patient_id`,
    `t1`.`day`
  FROM `transfusions` AS `t1`
  WHERE
    `t1`.`product` = 'platelets'
), `t12` AS (
  SELECT
    `t5`.`patient_id`,
    MIN(`t5`.`day`) AS `first_transfusion_day`
  FROM (
    SELECT
      `t1`.`patient_id`,
      `t1`.`day`
    FROM `transfusions` AS `t1`
    WHERE
      `t1`.`product` = 'platelets' AND `t1`.`day` >= 0
  ) AS `t5`
  GROUP BY
    1
), `t19` AS (
  SELECT
    `t15`.`patient_id`,
    `t15`.`day`,
    COALESCE(
      `t15`.`anc`,
      (
        `t15`.`wbc` * (
          `t15`.`seg` + COALESCE(`t15`.`bands`, 0.0)
        )
      ) / 100.0
    ) AS `value`
  FROM (
    SELECT
      `t6`.`patient_id`,
      `t6`.`day`,
      MIN(IF(`t6`.`analyte` = 'anc', IF(`t6`.`qualifier` = '<', 0.0, `t6`.`value`), NULL)) AS `anc`,
      MIN(IF(`t6`.`analyte` = 'wbc', IF(`t6`.`qualifier` = '<', 0.0, `t6`.`value`), NULL)) AS `wbc`,
      MIN(
        IF(`t6`.`analyte` = 'neut_pct', IF(`t6`.`qualifier` = '<', 0.0, `t6`.`value`), NULL)
      ) AS `seg`,
      MAX(
        IF(`t6`.`analyte` = 'bands_pct', IF(`t6`.`qualifier` = '<', 0.0, `t6`.`value`), NULL)
      ) AS `bands`
    FROM (
      SELECT
        *
      FROM `labs` AS `t2`
      WHERE
        `t2`.`analyte` IN ('anc', 'wbc', 'neut_pct', 'bands_pct') AND `t2`.`day` >= 0
    ) AS `t6`
    GROUP BY
      1,
      2
  ) AS `t15`
), `t23` AS (
  SELECT
    `t18`.`patient_id`,
    `t18`.`day`,
    `t18`.`value`,
    `t18`.`platelet_engraftment_meets`,
    `t18`.`platelet50_engraftment_meets`,
    `t18`.`platelet_engraftment_meets`
    AND COALESCE(
      LEAD(`t18`.`platelet_engraftment_meets`, 1) OVER (PARTITION BY `t18`.`patient_id` ORDER BY `t18`.`day` ASC NULLS LAST),
      FALSE
    )
    AND COALESCE(
      LEAD(`t18`.`platelet_engraftment_meets`, 2) OVER (PARTITION BY `t18`.`patient_id` ORDER BY `t18`.`day` ASC NULLS LAST),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD(`t18`.`day`, 1) OVER (PARTITION BY `t18`.`patient_id` ORDER BY `t18`.`day` ASC NULLS LAST) IS NOT NULL
      )
      AND (
        LEAD(`t18`.`day`, 2) OVER (PARTITION BY `t18`.`patient_id` ORDER BY `t18`.`day` ASC NULLS LAST) IS NOT NULL
      )
    ) AS `platelet_engraftment_run_start`,
    SUM(IF(`t18`.`platelet_engraftment_meets`, 0, 1)) OVER (
      PARTITION BY `t18`.`patient_id`
      ORDER BY `t18`.`day` ASC NULLS LAST
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS `platelet_engraftment_failed_before`,
    `t18`.`platelet50_engraftment_meets`
    AND COALESCE(
      LEAD(`t18`.`platelet50_engraftment_meets`, 1) OVER (PARTITION BY `t18`.`patient_id` ORDER BY `t18`.`day` ASC NULLS LAST),
      FALSE
    )
    AND COALESCE(
      LEAD(`t18`.`platelet50_engraftment_meets`, 2) OVER (PARTITION BY `t18`.`patient_id` ORDER BY `t18`.`day` ASC NULLS LAST),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD(`t18`.`day`, 1) OVER (PARTITION BY `t18`.`patient_id` ORDER BY `t18`.`day` ASC NULLS LAST) IS NOT NULL
      )
      AND (
        LEAD(`t18`.`day`, 2) OVER (PARTITION BY `t18`.`patient_id` ORDER BY `t18`.`day` ASC NULLS LAST) IS NOT NULL
      )
    ) AS `platelet50_engraftment_run_start`,
    SUM(IF(`t18`.`platelet50_engraftment_meets`, 0, 1)) OVER (
      PARTITION BY `t18`.`patient_id`
      ORDER BY `t18`.`day` ASC NULLS LAST
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS `platelet50_engraftment_failed_before`
  FROM (
    SELECT
      `t16`.`patient_id`,
      `t16`.`day`,
      `t16`.`value`,
      `t16`.`value` >= 20.0 AS `platelet_engraftment_meets`,
      `t16`.`value` >= 50.0 AS `platelet50_engraftment_meets`
    FROM (
      SELECT
        `t7`.`patient_id`,
        `t7`.`day`,
        MIN(IF(`t7`.`qualifier` = '<', 0.0, `t7`.`value`)) AS `value`
      FROM (
        SELECT
          *
        FROM `labs` AS `t2`
        WHERE
          `t2`.`analyte` = 'plt' AND `t2`.`day` >= 0
      ) AS `t7`
      GROUP BY
        1,
        2
    ) AS `t16`
  ) AS `t18`
), `t28` AS (
  SELECT
    `t25`.`patient_id`,
    BOOL_OR(NOT (
      `t25`.`platelet_engraftment_meets`
    )) AS `platelet_engraftment_fell`,
    BOOL_OR(NOT (
      `t25`.`platelet50_engraftment_meets`
    )) AS `platelet50_engraftment_fell`
  FROM `t23` AS `t25`
  GROUP BY
    1
), `t57` AS (
  SELECT
    `t56`.`patient_id`,
    IF(
      (
        IF(NOT (
          `t56`.`n_fell`
        ), 0, `t56`.`n_day`) IS NOT NULL
      )
      AND (
        IF(NOT (
          `t56`.`p_fell`
        ), 0, `t56`.`p_day`) IS NOT NULL
      ),
      GREATEST(
        IF(NOT (
          `t56`.`n_fell`
        ), 0, `t56`.`n_day`),
        IF(NOT (
          `t56`.`p_fell`
        ), 0, `t56`.`p_day`)
      ),
      CAST(NULL AS BIGINT)
    ) AS `recovered_day`,
    IF(NOT (
      `t56`.`n_fell`
    ), 0, `t56`.`n_day`) IS NOT NULL AS `neutrophils_recovered`,
    `t56`.`p_fell` IS NOT NULL AS `platelets_known`
  FROM (
    SELECT
      `t55`.`patient_id`,
      `t55`.`n_day`,
      `t55`.`n_fell`,
      `t55`.`p_day`,
      `t55`.`p_fell`
    FROM (
      SELECT
        `t42`.`patient_id`,
        `t42`.`n_day`,
        `t42`.`n_fell`,
        `t54`.`patient_id` AS `patient_id_right`,
        `t54`.`p_day`,
        `t54`.`p_fell`
      FROM (
        SELECT
          `t37`.`patient_id`,
          `t37`.`day` AS `n_day`,
          `t37`.`applicable` AS `n_fell`
        FROM (
          SELECT
            `t31`.`patient_id`,
            CAST(MIN(IF(`t31`.`run_start` AND `t31`.`failed_before`, `t31`.`day`, NULL)) AS BIGINT) AS `day`,
            BOOL_OR(NOT (
              `t31`.`meets`
            )) AS `applicable`
          FROM (
            SELECT
              `t21`.`patient_id`,
              `t21`.`day`,
              `t21`.`value`,
              `t21`.`meets`,
              `t21`.`meets`
              AND COALESCE(
                LEAD(`t21`.`meets`, 1) OVER (PARTITION BY `t21`.`patient_id` ORDER BY `t21`.`day` ASC NULLS LAST),
                FALSE
              )
              AND COALESCE(
                LEAD(`t21`.`meets`, 2) OVER (PARTITION BY `t21`.`patient_id` ORDER BY `t21`.`day` ASC NULLS LAST),
                FALSE
              )
              AND (
                TRUE
                AND (
                  LEAD(`t21`.`day`, 1) OVER (PARTITION BY `t21`.`patient_id` ORDER BY `t21`.`day` ASC NULLS LAST) IS NOT NULL
                )
                AND (
                  LEAD(`t21`.`day`, 2) OVER (PARTITION BY `t21`.`patient_id` ORDER BY `t21`.`day` ASC NULLS LAST) IS NOT NULL
                )
              ) AS `run_start`,
              SUM(IF(`t21`.`meets`, 0, 1)) OVER (
                PARTITION BY `t21`.`patient_id`
                ORDER BY `t21`.`day` ASC NULLS LAST
                ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
              ) > 0 AS `failed_before`
            FROM (
              SELECT
                `t20`.`patient_id`,
                `t20`.`day`,
                `t20`.`value`,
                `t20`.`value` >= 0.5 AS `meets`
              FROM `t19` AS `t20`
              WHERE
                `t20`.`value` IS NOT NULL AND NOT ISNAN(`t20`.`value`)
            ) AS `t21`
          ) AS `t31`
          GROUP BY
            1
        ) AS `t37`
      ) AS `t42`
      LEFT OUTER JOIN (
        SELECT
          `t52`.`patient_id`,
          `t52`.`day` AS `p_day`,
          COALESCE(`t52`.`platelet_engraftment_fell`, FALSE)
          OR (
            `t52`.`first_transfusion_day` IS NOT NULL
          ) AS `p_fell`
        FROM (
          SELECT
            `t51`.`patient_id`,
            `t51`.`platelet_engraftment_fell`,
            `t51`.`platelet50_engraftment_fell`,
            `t51`.`first_transfusion_day`,
            `t51`.`day`
          FROM (
            SELECT
              `t48`.`patient_id`,
              `t48`.`platelet_engraftment_fell`,
              `t48`.`platelet50_engraftment_fell`,
              `t48`.`first_transfusion_day`,
              `t50`.`patient_id` AS `patient_id_right`,
              `t50`.`day`
            FROM (
              SELECT
                `t46`.`patient_id`,
                `t46`.`platelet_engraftment_fell`,
                `t46`.`platelet50_engraftment_fell`,
                `t46`.`first_transfusion_day`
              FROM (
                SELECT
                  `t44`.`patient_id`,
                  `t44`.`platelet_engraftment_fell`,
                  `t44`.`platelet50_engraftment_fell`,
                  `t14`.`patient_id` AS `patient_id_right`,
                  `t14`.`first_transfusion_day`
                FROM (
                  SELECT
                    `t39`.`patient_id`,
                    `t39`.`platelet_engraftment_fell`,
                    `t39`.`platelet50_engraftment_fell`
                  FROM (
                    SELECT
                      `t36`.`patient_id`,
                      `t30`.`patient_id` AS `patient_id_right`,
                      `t30`.`platelet_engraftment_fell`,
                      `t30`.`platelet50_engraftment_fell`
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          `t29`.`patient_id`
                        FROM `t28` AS `t29`
                      ) AS `t33`
                      UNION
                      SELECT
                        *
                      FROM (
                        SELECT
                          `t13`.`patient_id`
                        FROM `t12` AS `t13`
                      ) AS `t17`
                    ) AS `t36`
                    LEFT OUTER JOIN `t28` AS `t30`
                      ON `t36`.`patient_id` = `t30`.`patient_id`
                  ) AS `t39`
                ) AS `t44`
                LEFT OUTER JOIN `t12` AS `t14`
                  ON `t44`.`patient_id` = `t14`.`patient_id`
              ) AS `t46`
            ) AS `t48`
            LEFT OUTER JOIN (
              SELECT
                `t45`.`patient_id`,
                CAST(MIN(`t45`.`day`) AS BIGINT) AS `day`
              FROM (
                SELECT
                  `t41`.`patient_id`,
                  `t41`.`day`,
                  `t41`.`failed_before`,
                  `t41`.`first_transfusion_day`
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      `t32`.`patient_id`,
                      `t32`.`day`,
                      `t32`.`failed_before`,
                      `t32`.`first_transfusion_day`
                    FROM (
                      SELECT
                        `t27`.`patient_id`,
                        `t27`.`day`,
                        `t27`.`failed_before`,
                        `t14`.`patient_id` AS `patient_id_right`,
                        `t14`.`first_transfusion_day`
                      FROM (
                        SELECT
                          `t25`.`patient_id`,
                          `t25`.`day`,
                          `t25`.`platelet_engraftment_failed_before` AS `failed_before`
                        FROM `t23` AS `t25`
                        WHERE
                          `t25`.`platelet_engraftment_run_start`
                      ) AS `t27`
                      LEFT OUTER JOIN `t12` AS `t14`
                        ON `t27`.`patient_id` = `t14`.`patient_id`
                    ) AS `t32`
                  ) AS `t34`
                  WHERE
                    `t34`.`failed_before`
                    OR COALESCE(`t34`.`first_transfusion_day` < `t34`.`day`, FALSE)
                ) AS `t41`
                LEFT ANTI JOIN `t4` AS `t11`
                  ON `t41`.`patient_id` = `t11`.`patient_id`
                  AND `t11`.`day` <= `t41`.`day`
                  AND `t11`.`day` > (
                    `t41`.`day` - 7
                  )
              ) AS `t45`
              GROUP BY
                1
            ) AS `t50`
              ON `t48`.`patient_id` = `t50`.`patient_id`
          ) AS `t51`
        ) AS `t52`
      ) AS `t54`
        ON `t42`.`patient_id` = `t54`.`patient_id`
    ) AS `t55`
  ) AS `t56`
), `t73` AS (
  SELECT
    `t72`.`patient_id`,
    `t72`.`day`,
    `t72`.`kind`,
    BOOL_OR(`t72`.`relapse_day` IS NOT NULL) AS `explained`
  FROM (
    SELECT
      `t71`.`patient_id`,
      `t71`.`day`,
      `t71`.`kind`,
      `t8`.`patient_id` AS `patient_id_right`,
      `t8`.`relapse_day`
    FROM (
      SELECT
        *
      FROM (
        SELECT
          `t67`.`patient_id`,
          CAST(`t67`.`day` AS BIGINT) AS `day`,
          'anc' AS `kind`
        FROM (
          SELECT
            `t64`.`patient_id`,
            `t64`.`day`,
            `t64`.`value`,
            `t64`.`meets`,
            `t64`.`meets`
            AND COALESCE(
              LEAD(`t64`.`meets`, 1) OVER (PARTITION BY `t64`.`patient_id` ORDER BY `t64`.`day` ASC NULLS LAST),
              FALSE
            )
            AND COALESCE(
              LEAD(`t64`.`meets`, 2) OVER (PARTITION BY `t64`.`patient_id` ORDER BY `t64`.`day` ASC NULLS LAST),
              FALSE
            )
            AND (
              TRUE
              AND (
                LEAD(`t64`.`day`, 1) OVER (PARTITION BY `t64`.`patient_id` ORDER BY `t64`.`day` ASC NULLS LAST) IS NOT NULL
              )
              AND (
                LEAD(`t64`.`day`, 2) OVER (PARTITION BY `t64`.`patient_id` ORDER BY `t64`.`day` ASC NULLS LAST) IS NOT NULL
              )
            ) AS `run_start`,
            SUM(IF(`t64`.`meets`, 0, 1)) OVER (
              PARTITION BY `t64`.`patient_id`
              ORDER BY `t64`.`day` ASC NULLS LAST
              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
            ) > 0 AS `failed_before`
          FROM (
            SELECT
              `t62`.`patient_id`,
              `t62`.`day`,
              `t62`.`value`,
              `t62`.`value` < 0.5 AS `meets`
            FROM (
              SELECT
                `t24`.`patient_id`,
                `t24`.`day`,
                `t24`.`value`,
                `t61`.`recovered_day`
              FROM (
                SELECT
                  *
                FROM `t19` AS `t20`
                WHERE
                  `t20`.`value` IS NOT NULL AND NOT ISNAN(`t20`.`value`)
              ) AS `t24`
              INNER JOIN (
                SELECT
                  `t58`.`patient_id`,
                  `t58`.`recovered_day`
                FROM `t57` AS `t58`
                WHERE
                  `t58`.`recovered_day` IS NOT NULL
              ) AS `t61`
                ON `t24`.`patient_id` = `t61`.`patient_id`
            ) AS `t62`
            WHERE
              `t62`.`day` > `t62`.`recovered_day`
          ) AS `t64`
        ) AS `t67`
        WHERE
          `t67`.`run_start`
      ) AS `t69`
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          `t66`.`patient_id`,
          `t66`.`day`,
          'platelet_transfusions' AS `kind`
        FROM (
          SELECT
            `t65`.`patient_id`,
            `t65`.`day`,
            LEAD(`t65`.`day`, 1) OVER (PARTITION BY `t65`.`patient_id` ORDER BY `t65`.`day` ASC NULLS LAST) AS `kth`
          FROM (
            SELECT DISTINCT
              `t63`.`patient_id`,
              CAST(`t63`.`day` AS BIGINT) AS `day`
            FROM (
              SELECT
                `t10`.`patient_id`,
                `t10`.`day`,
                `t61`.`recovered_day`
              FROM `t4` AS `t10`
              INNER JOIN (
                SELECT
                  `t58`.`patient_id`,
                  `t58`.`recovered_day`
                FROM `t57` AS `t58`
                WHERE
                  `t58`.`recovered_day` IS NOT NULL
              ) AS `t61`
                ON `t10`.`patient_id` = `t61`.`patient_id`
            ) AS `t63`
            WHERE
              `t63`.`day` > `t63`.`recovered_day`
          ) AS `t65`
        ) AS `t66`
        WHERE
          (
            `t66`.`kth` - `t66`.`day`
          ) <= 6
      ) AS `t68`
    ) AS `t71`
    LEFT OUTER JOIN (
      SELECT
        `t0`.`patient_id`,
        CAST(`t0`.`day` AS BIGINT) AS `relapse_day`
      FROM `disease_assessments` AS `t0`
      WHERE
        `t0`.`status` IN ('relapse', 'progression') AND `t0`.`day` > 0
    ) AS `t8`
      ON `t71`.`patient_id` = `t8`.`patient_id`
      AND `t8`.`relapse_day` BETWEEN `t71`.`day` - 14 AND `t71`.`day` + 14
  ) AS `t72`
  GROUP BY
    1,
    2,
    3
)
SELECT
  `t85`.`patient_id`,
  `t85`.`recovered_day`,
  `t85`.`neutrophils_recovered`,
  `t85`.`platelets_known`,
  `t85`.`decline_day`,
  `t85`.`decline_kind`,
  COALESCE(`t85`.`explained`, FALSE) AS `explained`
FROM (
  SELECT
    `t84`.`patient_id`,
    `t84`.`recovered_day`,
    `t84`.`neutrophils_recovered`,
    `t84`.`platelets_known`,
    `t84`.`decline_day`,
    `t84`.`decline_kind`,
    `t84`.`explained`
  FROM (
    SELECT
      `t83`.`patient_id`,
      `t83`.`recovered_day`,
      `t83`.`neutrophils_recovered`,
      `t83`.`platelets_known`,
      `t83`.`decline_day`,
      `t83`.`decline_kind`,
      `t77`.`patient_id` AS `patient_id_right`,
      `t77`.`explained`
    FROM (
      SELECT
        `t81`.`patient_id`,
        `t81`.`recovered_day`,
        `t81`.`neutrophils_recovered`,
        `t81`.`platelets_known`,
        `t81`.`decline_day`,
        `t81`.`decline_kind`
      FROM (
        SELECT
          `t59`.`patient_id`,
          `t59`.`recovered_day`,
          `t59`.`neutrophils_recovered`,
          `t59`.`platelets_known`,
          `t80`.`patient_id` AS `patient_id_right`,
          `t80`.`decline_day`,
          `t80`.`decline_kind`
        FROM `t57` AS `t59`
        LEFT OUTER JOIN (
          SELECT
            `t78`.`patient_id`,
            `t78`.`day` AS `decline_day`,
            `t78`.`kind` AS `decline_kind`
          FROM (
            SELECT
              `t76`.`patient_id`,
              `t76`.`day`,
              `t76`.`kind`,
              ROW_NUMBER() OVER (
                PARTITION BY `t76`.`patient_id`
                ORDER BY `t76`.`day` ASC NULLS LAST, `t76`.`kind` ASC NULLS LAST
              ) - 1 AS `rank`
            FROM (
              SELECT
                `t74`.`patient_id`,
                `t74`.`day`,
                `t74`.`kind`
              FROM `t73` AS `t74`
              WHERE
                NOT (
                  `t74`.`explained`
                )
            ) AS `t76`
          ) AS `t78`
          WHERE
            `t78`.`rank` = 0
        ) AS `t80`
          ON `t59`.`patient_id` = `t80`.`patient_id`
      ) AS `t81`
    ) AS `t83`
    LEFT OUTER JOIN (
      SELECT
        `t74`.`patient_id`,
        BOOL_OR(`t74`.`explained`) AS `explained`
      FROM `t73` AS `t74`
      GROUP BY
        1
    ) AS `t77`
      ON `t83`.`patient_id` = `t77`.`patient_id`
  ) AS `t84`
) AS `t85`
